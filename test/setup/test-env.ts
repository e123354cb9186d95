import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the global setup found, shared with the test files through a file. */
export interface TestEnvironment {
  databaseUrl: string;
  redisUrl: string;
  templateDatabase: string;
}

export const TEST_ENV_FILE = join(process.cwd(), '.data', 'test-env.json');

export const readTestEnvironment = (): TestEnvironment =>
  JSON.parse(readFileSync(TEST_ENV_FILE, 'utf8')) as TestEnvironment;

/** The same server URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
