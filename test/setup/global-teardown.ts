import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

/**
 * Drops this run's template and any database a crashed test file left behind. The
 * services stay up between runs (npm run services:stop stops them). Imports only packages.
 */
export default async function globalTeardown(): Promise<void> {
  const runId = process.env.PLENARY_TEST_RUN;
  if (!runId) return;
  const file = join(process.cwd(), '.data', `test-env-${runId}.json`);
  const { databaseUrl } = JSON.parse(readFileSync(file, 'utf8')) as { databaseUrl: string };
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
      [`plenary_tpl_${runId}`, `plenary\\_t\\_${runId}\\_%`],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  rmSync(file, { force: true });
}
