import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

/**
 * Makes sure PostgreSQL and Redis run (the same script as `npm start`) and creates an
 * empty template database; the first test file migrates it (under a lock) and every
 * file clones it. Jest loads this file outside its module system, so it imports only
 * packages, not project files.
 */
export default async function globalSetup(): Promise<void> {
  const output = execFileSync('bash', ['scripts/services.sh'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const found = new Map(
    output
      .trim()
      .split('\n')
      .map((line) => {
        const at = line.indexOf('=');
        return [line.slice(0, at), line.slice(at + 1)] as const;
      }),
  );
  const databaseUrl = found.get('DATABASE_URL');
  const redisUrl = found.get('REDIS_URL');
  if (!databaseUrl || !redisUrl) throw new Error(`scripts/services.sh printed no URLs:\n${output}`);

  // Several runs may share one server (two checkouts, a developer and CI): each run has its own names.
  const runId = randomBytes(4).toString('hex');
  const templateDatabase = `plenary_tpl_${runId}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${templateDatabase}`);
  } finally {
    await admin.end();
  }
  // Test workers inherit this and find the run's settings by it.
  process.env.PLENARY_TEST_RUN = runId;
  mkdirSync(join(process.cwd(), '.data'), { recursive: true });
  writeFileSync(
    join(process.cwd(), '.data', `test-env-${runId}.json`),
    JSON.stringify({ runId, databaseUrl, redisUrl, templateDatabase }),
  );
}
