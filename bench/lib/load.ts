/**
 * Shared helpers for benchmarks (run with Node 24's type stripping: plain TypeScript,
 * packages and Node built-ins only; project code comes from dist/ after `nest build`).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { findServices } from '../../scripts/services-env.mjs';

export const ROOT = process.cwd();

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  bytesPerSecond: number;
}

/** The PostgreSQL and Redis the project uses (the same script as `npm start` and the tests). */
export function services(): { databaseUrl: string; redisUrl: string } {
  return findServices();
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh, migrated database for one benchmark run; drop() removes it. */
export async function benchDatabase(serverUrl: string, label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `plenary_bench_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  const { runMigrations } = (await import(pathToFileURL(join(ROOT, 'dist/platform/database/migrate.js')).href)) as {
    runMigrations(config: { databaseUrl: string }): Promise<string[]>;
  };
  await runMigrations({ databaseUrl: url });
  return {
    url,
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * Loads a URL with autocannon in a child process, so the load generator never shares an
 * event loop (or a core's time slice accounting) with the server under test.
 */
export function autocannon(
  url: string,
  options: { connections: number; seconds: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const args = ['-c', String(options.connections), '-d', String(options.seconds), '-j'];
  for (const [key, value] of Object.entries(options.headers ?? {})) args.push('-H', `${key}=${value}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/autocannon'), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}: ${err}`));
      const json = JSON.parse(out) as {
        requests: { average: number; total: number };
        latency: { p50: number; p99: number };
        throughput: { average: number };
        non2xx: number;
        errors: number;
      };
      resolve({
        requestsPerSecond: json.requests.average,
        total: json.requests.total,
        p50: json.latency.p50,
        p99: json.latency.p99,
        non2xx: json.non2xx,
        errors: json.errors,
        bytesPerSecond: json.throughput.average,
      });
    });
  });
}

export const formatLoad = (label: string, r: LoadResult): string =>
  `${label.padEnd(28)} ${r.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${String(r.p50).padStart(3)} ms   p99 ${String(r.p99).padStart(3)} ms   ` +
  `${(r.bytesPerSecond / 1_048_576).toFixed(1)} MiB/s   (${r.total} requests, non-2xx ${r.non2xx}, errors ${r.errors})`;
