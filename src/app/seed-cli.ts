import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { ConfigValidationError, loadConfigFromEnvironment } from '../platform/config/app-config.js';
import { dataSourceOptions } from '../platform/database/data-source-options.js';
import { ENTITIES } from './entities.js';
import { runMigrations } from '../platform/database/migrate.js';
import { DemoRepository } from '../seed/demo.repository.js';
import { demoLoginLines, describeSeed, seedDemoIfEmpty } from './seed-demo.js';

/**
 * npm run seed [-- --reset]: seeds the demo into an empty database; with --reset deletes
 * every row first (the schema stays). Finds PostgreSQL and Redis as `npm start` does.
 */
/** The command's own output (stdout); problems go to stderr. */
const say = (line: string): void => void process.stdout.write(`seed: ${line}\n`);

const USAGE = 'usage: npm run seed [-- --reset]   (--reset deletes ALL data in the database first)';

/** As scripts/start.sh: scripts/services.sh finds or starts the services; the environment wins. */
function findServices(): void {
  const script = fileURLToPath(new URL('../../scripts/services.sh', import.meta.url));
  const output = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  for (const line of output.split('\n')) {
    const at = line.indexOf('=');
    const key = line.slice(0, at);
    if ((key === 'DATABASE_URL' || key === 'REDIS_URL') && !process.env[key]) process.env[key] = line.slice(at + 1);
  }
}

/** Runs `work` with the demo's statements on a connection of its own. */
async function withDemoRepository<T>(databaseUrl: string, work: (demo: DemoRepository) => Promise<T>): Promise<T> {
  const db = new DataSource({ ...dataSourceOptions({ databaseUrl }, ENTITIES), extra: { max: 1 } });
  await db.initialize();
  try {
    return await work(new DemoRepository(db));
  } finally {
    await db.destroy();
  }
}

async function main(args: string[]): Promise<number> {
  const unknown = args.filter((arg) => arg !== '--reset');
  if (unknown.length > 0) {
    console.error(`seed: unknown argument ${unknown.join(' ')}\n${USAGE}`);
    return 2;
  }
  const reset = args.includes('--reset');
  findServices();
  const config = loadConfigFromEnvironment(process.env.LOG_LEVEL ? {} : { logLevel: 'warn' });
  const database = new URL(config.databaseUrl);
  const where = `${database.hostname}:${database.port || 5432}${database.pathname}`;
  const applied = await runMigrations(config);
  if (applied.length > 0) say(`applied migrations ${applied.join(', ')}`);

  const refusal = await withDemoRepository(config.databaseUrl, (demo) => demo.refusal(config.adminEmail));
  if (refusal && !reset) {
    console.error(
      `seed: not seeding ${where}: ${refusal}.\n` +
        'seed: to delete ALL of its data and seed the demo instead, run: npm run seed -- --reset',
    );
    return 1;
  }
  if (refusal) {
    say(`--reset: deleting all data in ${where}`);
    await withDemoRepository(config.databaseUrl, (demo) => demo.deleteAllData());
  }
  const outcome = await seedDemoIfEmpty(config);
  if (!outcome.seeded) {
    console.error(`seed: not seeding ${where}: ${outcome.reason} (another process wrote to it meanwhile?)`);
    return 1;
  }
  for (const line of [...describeSeed(outcome.summary, config.appUrl), ...demoLoginLines(config)]) say(line);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigValidationError ? error.message : error);
    process.exit(1);
  },
);
