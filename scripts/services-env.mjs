// @ts-check
/**
 * Finds (or starts) the PostgreSQL and Redis the project uses, through the same
 * `scripts/services.sh` as `npm start`. Plain JavaScript so that jest's global setup
 * (loaded outside its module system) and the benchmarks (Node type stripping) can both
 * import it; the types are in services-env.d.mts.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs `bash scripts/services.sh` in the repository root and reads its `KEY=value` lines.
 * @returns {{ databaseUrl: string; redisUrl: string }}
 */
export function findServices() {
  const output = execFileSync('bash', ['scripts/services.sh'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const found = new Map(
    output
      .trim()
      .split('\n')
      .map((line) => {
        const at = line.indexOf('=');
        return /** @type {const} */ ([line.slice(0, at), line.slice(at + 1)]);
      }),
  );
  const databaseUrl = found.get('DATABASE_URL');
  const redisUrl = found.get('REDIS_URL');
  if (!databaseUrl || !redisUrl) {
    throw new Error(`scripts/services.sh printed no DATABASE_URL/REDIS_URL lines:\n${output}`);
  }
  return { databaseUrl, redisUrl };
}
