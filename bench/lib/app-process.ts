/**
 * The built API (`node dist/main.js`) in a child process of its own, for benchmarks that
 * load it over HTTP. Node runs this file directly (type stripping): packages and Node
 * built-ins only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';

export const ROOT = process.cwd();

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ApiProcess {
  /** http://127.0.0.1:<port> */
  base: string;
  pid: number;
  /** SIGTERM, up to 5 s for it to exit, then SIGKILL. */
  stop(): Promise<void>;
}

async function stop(app: ChildProcess): Promise<void> {
  app.kill('SIGTERM');
  await Promise.race([new Promise((resolve) => app.once('exit', resolve)), sleep(5000)]);
  if (app.exitCode === null) app.kill('SIGKILL');
}

/**
 * Starts `node dist/main.js` (PROCESS_ROLE=api, LOG_LEVEL=warn, no demo data, a queue prefix
 * of its own, BENCH_APP_NODE_OPTIONS as its NODE_OPTIONS) on a free port with the given
 * database and Redis, plus `env`; its output goes to .data/bench-<name>.log. Resolves once
 * GET /health answers 2xx; stops the process and throws if it exits or takes over 60 s.
 */
export async function startApi(options: {
  name: string;
  databaseUrl: string;
  redisUrl: string;
  env?: Record<string, string>;
}): Promise<ApiProcess> {
  const port = await freePort();
  const logFile = `.data/bench-${options.name}.log`;
  const log = createWriteStream(join(ROOT, logFile));
  const app = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: process.env.BENCH_APP_NODE_OPTIONS ?? '',
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      PROCESS_ROLE: 'api',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      QUEUE_PREFIX: `bench${randomBytes(3).toString('hex')}`,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  app.stdout.pipe(log);
  app.stderr.pipe(log);
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let attempt = 0; ; attempt += 1) {
      if (app.exitCode !== null) throw new Error(`The API exited at start-up; see ${logFile}`);
      const healthy = await fetch(`${base}/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (healthy) break;
      if (attempt > 240) throw new Error(`The API did not become healthy in 60 s; see ${logFile}`);
      await sleep(250);
    }
  } catch (error) {
    await stop(app);
    throw error;
  }
  return { base, pid: app.pid!, stop: () => stop(app) };
}

export interface BenchApi extends ApiProcess {
  /** The run's own migrated database, and a pool on it. */
  url: string;
  db: pg.Pool;
  /** Stops the API, ends the pool and drops the database. */
  close(): Promise<void>;
}

/**
 * The API as most benchmarks want it: the project's PostgreSQL and Redis (scripts/services.sh),
 * a fresh migrated database of its own (`plenary_bench_<label>_…`), the API started on it
 * with `env`, and a pg pool of `poolSize` on the same database.
 */
export async function startBenchApi(options: {
  name: string;
  label: string;
  poolSize: number;
  env?: Record<string, string>;
}): Promise<BenchApi> {
  // Loaded by its .ts path: Node runs these files directly (type stripping).
  const { benchDatabase, services } = (await import(
    new URL('./load.ts', import.meta.url).href
  )) as typeof import('./load.js');
  const { databaseUrl, redisUrl } = services();
  const database = await benchDatabase(databaseUrl, options.label);
  const app = await startApi({ name: options.name, databaseUrl: database.url, redisUrl, env: options.env }).catch(
    async (error: unknown) => {
      await database.drop();
      throw error;
    },
  );
  const db = new pg.Pool({ connectionString: database.url, max: options.poolSize });
  // Dropping the database at the end ends any idle connection the pool still holds.
  db.on('error', () => undefined);
  return {
    ...app,
    url: database.url,
    db,
    async close() {
      await app.stop();
      await db.end();
      await database.drop();
    },
  };
}

/** Runs a benchmark's main(); any failure is printed and exits 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
