/**
 * Vote storm: 3,000 delegates cast their ballot for one award within a few seconds,
 * 100 concurrent clients, against the built API (`node dist/main.js`, PROCESS_ROLE=api) in
 * its own process and its own database. Then the ceiling: the very same receipt+ballot
 * statement issued straight through `pg` (pool of 20, like the app) by 100 concurrent
 * callers. Prints ballots/s, p50/p99 latency, the receipts = ballots check, and the ratio
 * HTTP / direct on the last line (target ≥ 0.5).
 *
 *   npm run bench:votes        (builds first; run with Node 24: node bench/vote-storm.ts)
 *   VOTERS=3000 CLIENTS=100 npm run bench:votes
 *
 * Only packages are imported (Node strips the types); the SQL comes from the build.
 *
 * Figures on the shared 2-core development VM (load ~2.5 from other test runs), 3,000
 * voters, 100 clients: HTTP 850–1,010 ballots/s, p99 175–210 ms; direct pg 3,800–5,000
 * ballots/s; receipts = ballots in every run; ratio 0.23–0.26 (below the 0.5 target).
 * Per ballot the HTTP path makes 2 PostgreSQL round trips (the delegate-token lookup and
 * the ballot statement) against the ceiling's 1, plus the rate limiter's Redis MULTIs
 * (about 15% of the throughput here), so the ratio is bounded near 0.5 even before
 * Fastify/Nest's own cost.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

const ROOT = process.cwd();
const VOTERS = Number(process.env.VOTERS ?? 3000);
const CLIENTS = Number(process.env.CLIENTS ?? 100);
const WARMUP = 300;

interface Voter {
  id: string;
  token: string;
}

interface RunStats {
  ok: number;
  failed: Record<string, number>;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function services(): { databaseUrl: string; redisUrl: string } {
  const output = execFileSync('bash', ['scripts/services.sh'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const found = new Map(
    output
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const databaseUrl = found.get('DATABASE_URL');
  const redisUrl = found.get('REDIS_URL');
  if (!databaseUrl || !redisUrl) throw new Error(`scripts/services.sh printed no URLs:\n${output}`);
  return { databaseUrl, redisUrl };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);

/** Runs `task` for every item with `clients` callers in parallel; times each call. */
async function run<T>(items: T[], clients: number, task: (item: T) => Promise<string>): Promise<RunStats> {
  const latencies: number[] = [];
  const failed: Record<string, number> = {};
  let next = 0;
  let ok = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < items.length) {
        const item = items[next++];
        const t0 = performance.now();
        const outcome = await task(item).catch((error: unknown) => `error: ${String(error)}`);
        latencies.push(performance.now() - t0);
        if (outcome === 'ok') ok += 1;
        else failed[outcome] = (failed[outcome] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    ok,
    failed,
    seconds,
    perSecond: ok / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

async function seed(db: pg.Pool, voters: number): Promise<{ eventId: string; voters: Voter[] }> {
  const event = await db.query<{ id: string }>(
    `INSERT INTO events (slug, title, timezone, starts_at, ends_at, capacity, status, published_at)
     VALUES ($1, 'Vote storm', 'Europe/London', now() + interval '1 day', now() + interval '2 days', $2, 'published', now())
     RETURNING id`,
    [`bench-${randomBytes(4).toString('hex')}`, voters],
  );
  const eventId = event.rows[0].id;
  const tokens = Array.from({ length: voters }, () => randomBytes(32).toString('base64url'));
  const hashes = tokens.map((token) => createHash('sha256').update(token, 'utf8').digest('hex'));
  const rows = await db.query<{ id: string; token_hash: string }>(
    `INSERT INTO registrations (event_id, name, email, organisation, consented_at, status, token_hash)
     SELECT $1, 'Delegate ' || n, 'delegate-' || n || '@bench.example', 'Org ' || (n % 40), now(), 'confirmed', h
       FROM unnest($2::text[]) WITH ORDINALITY AS t(h, n)
     RETURNING id, token_hash`,
    [eventId, hashes],
  );
  const byHash = new Map(rows.rows.map((row) => [row.token_hash, row.id]));
  return { eventId, voters: tokens.map((token, i) => ({ id: byHash.get(hashes[i])!, token })) };
}

async function newAward(db: pg.Pool, eventId: string, title: string): Promise<{ id: string; nominees: string[] }> {
  const award = await db.query<{ id: string }>(
    `INSERT INTO awards (event_id, title, voting_opens_at, voting_closes_at)
     VALUES ($1, $2, now() - interval '1 minute', now() + interval '1 hour') RETURNING id`,
    [eventId, title],
  );
  const id = award.rows[0].id;
  const nominees = await db.query<{ id: string }>(
    `INSERT INTO award_nominees (award_id, name, organisation, position)
     SELECT $1, 'Nominee ' || n, 'Nominee org ' || n, n FROM generate_series(1, 4) AS n RETURNING id`,
    [id],
  );
  return { id, nominees: nominees.rows.map((row) => row.id) };
}

async function receiptsAndBallots(db: pg.Pool, awardId: string): Promise<{ receipts: number; ballots: number }> {
  const { rows } = await db.query<{ receipts: number; ballots: number }>(
    `SELECT (SELECT count(*)::int FROM ballot_receipts WHERE award_id = $1) AS receipts,
            (SELECT count(*)::int FROM ballots WHERE award_id = $1) AS ballots`,
    [awardId],
  );
  return rows[0];
}

const receiptCode = () => randomBytes(8).toString('base64url').slice(0, 12).toUpperCase();

function report(label: string, stats: RunStats): void {
  const failures = Object.entries(stats.failed)
    .map(([kind, n]) => `${kind}×${n}`)
    .join(', ');
  console.log(
    `${label.padEnd(34)} ${stats.ok} ballots in ${stats.seconds.toFixed(2)} s = ${stats.perSecond.toFixed(0)} ballots/s; ` +
      `p50 ${stats.p50.toFixed(1)} ms, p99 ${stats.p99.toFixed(1)} ms${failures ? `; failed: ${failures}` : ''}`,
  );
}

async function main(): Promise<void> {
  const { CAST_BALLOT_SQL } = (await import(pathToFileURL(join(ROOT, 'dist/awards/ballot.sql.js')).href)) as {
    CAST_BALLOT_SQL: string;
  };
  const { databaseUrl, redisUrl } = services();
  const database = `plenary_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = withDatabase(databaseUrl, database);

  const port = await freePort();
  const log = createWriteStream(join(ROOT, '.data', 'bench-vote-storm.log'));
  const app = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: process.env.BENCH_APP_NODE_OPTIONS ?? '',
      DATABASE_URL: url,
      REDIS_URL: redisUrl,
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      PROCESS_ROLE: 'api',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      QUEUE_PREFIX: `bench${randomBytes(3).toString('hex')}`,
      // The limiter stays in the path; 3,000 voters share one address here, so its backstop must allow them.
      RATE_LIMIT_BALLOTS: String(VOTERS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  app.stdout.pipe(log);
  app.stderr.pipe(log);
  const base = `http://127.0.0.1:${port}`;
  const db = new pg.Pool({ connectionString: url, max: 20 });
  // Dropping the database at the end ends any idle connection the pool still holds.
  db.on('error', () => undefined);
  try {
    for (let attempt = 0; ; attempt += 1) {
      if (app.exitCode !== null) throw new Error('The API exited at start-up; see .data/bench-vote-storm.log');
      const healthy = await fetch(`${base}/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (healthy) break;
      if (attempt > 240) throw new Error('The API did not become healthy in 60 s; see .data/bench-vote-storm.log');
      await sleep(250);
    }
    const { eventId, voters } = await seed(db, VOTERS + WARMUP);
    const warmupVoters = voters.slice(VOTERS);
    const stormVoters = voters.slice(0, VOTERS);
    console.log(`vote storm: ${VOTERS} delegates, ${CLIENTS} concurrent clients (Node ${process.version})`);

    const castHttp = (awardId: string, nominees: string[]) => async (voter: Voter) => {
      const response = await fetch(`${base}/api/awards/${awardId}/ballots`, {
        method: 'POST',
        headers: { authorization: `Bearer ${voter.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ nomineeId: nominees[voter.token.charCodeAt(0) % nominees.length] }),
      });
      await response.arrayBuffer();
      return response.status === 201 ? 'ok' : String(response.status);
    };
    const castDirect = (awardId: string, nominees: string[]) => async (voter: Voter) => {
      const result = await db.query(CAST_BALLOT_SQL, [
        awardId,
        voter.id,
        receiptCode(),
        [nominees[voter.token.charCodeAt(0) % nominees.length]],
        new Date(),
      ]);
      return result.rowCount === 1 ? 'ok' : 'duplicate';
    };

    // Warm both paths (JIT, connection pools) on awards of their own.
    const warmHttp = await newAward(db, eventId, 'Warm-up (HTTP)');
    await run(warmupVoters, CLIENTS, castHttp(warmHttp.id, warmHttp.nominees));
    const warmDirect = await newAward(db, eventId, 'Warm-up (pg)');
    await run(warmupVoters, CLIENTS, castDirect(warmDirect.id, warmDirect.nominees));

    const viaHttp = await newAward(db, eventId, 'Storm (HTTP)');
    const http = await run(stormVoters, CLIENTS, castHttp(viaHttp.id, viaHttp.nominees));
    report('HTTP POST /api/awards/:id/ballots', http);
    const httpCheck = await receiptsAndBallots(db, viaHttp.id);
    console.log(
      `  receipts = ballots: ${httpCheck.receipts} = ${httpCheck.ballots} ${httpCheck.receipts === httpCheck.ballots && httpCheck.receipts === http.ok ? 'OK' : 'MISMATCH'}`,
    );

    const direct = await newAward(db, eventId, 'Storm (pg)');
    const ceiling = await run(stormVoters, CLIENTS, castDirect(direct.id, direct.nominees));
    report('ceiling: same SQL straight via pg', ceiling);
    const directCheck = await receiptsAndBallots(db, direct.id);
    console.log(
      `  receipts = ballots: ${directCheck.receipts} = ${directCheck.ballots} ${directCheck.receipts === directCheck.ballots ? 'OK' : 'MISMATCH'}`,
    );
    console.log(`ratio HTTP / direct pg: ${(http.perSecond / ceiling.perSecond).toFixed(2)} (target ≥ 0.5)`);
  } finally {
    app.kill('SIGTERM');
    await Promise.race([new Promise((resolve) => app.once('exit', resolve)), sleep(5000)]);
    if (app.exitCode === null) app.kill('SIGKILL');
    await db.end();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
