import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the global setup found, shared with the test files through a file. */
export interface TestEnvironment {
  runId: string;
  databaseUrl: string;
  redisUrl: string;
  templateDatabase: string;
}

/** The global setup names the run in the environment the test workers inherit. */
export const testEnvironmentFile = (runId = process.env.PLENARY_TEST_RUN): string => {
  if (!runId) throw new Error('PLENARY_TEST_RUN is not set: run the tests through jest (npm test)');
  return join(process.cwd(), '.data', `test-env-${runId}.json`);
};

export const readTestEnvironment = (): TestEnvironment =>
  JSON.parse(readFileSync(testEnvironmentFile(), 'utf8')) as TestEnvironment;

/** The same server URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
