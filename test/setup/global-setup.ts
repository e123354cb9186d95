import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { findServices } from '../../scripts/services-env.mjs';

/**
 * Makes sure PostgreSQL and Redis run (the same script as `npm start`) and creates an
 * empty template database; the first test file migrates it (under a lock) and every
 * file clones it. Jest loads this file outside its module system, so it imports only
 * packages and the plain-JavaScript scripts/services-env.mjs, not project .ts files.
 */
export default async function globalSetup(): Promise<void> {
  const { databaseUrl, redisUrl } = findServices();

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
