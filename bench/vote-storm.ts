/**
 * Vote storm: 3,000 delegates cast their ballot for one award within a few seconds,
 * 100 concurrent clients, against the built API (`node dist/main.js`, PROCESS_ROLE=api) in
 * its own process and its own database. Then the ceiling, as the issue defines it: the
 * receipt and ballot inserts issued straight through `pg` (a pool as large as the API's) by
 * 100 concurrent callers, one ballot per statement (the API's own single-ballot statement,
 * CAST_BALLOT_SQL). Prints ballots/s, p50/p99 latency, the receipts = ballots check, and the
 * ratio HTTP / direct on the last line (target ≥ 0.5).
 *
 * The API writes ballots that arrive while earlier ones are being written together, in one
 * statement (group commit, src/common/batching/call-batcher.ts): that is why it can come
 * close to, or pass, one-statement-per-ballot straight through pg.
 *
 *   npm run bench:votes        (builds first; run with Node 24: node bench/vote-storm.ts)
 *   VOTERS=3000 CLIENTS=100 npm run bench:votes
 *
 * Only packages are imported (Node strips the types); the SQL, the tokens and the receipt
 * codes come from the build.
 *
 * Figures: see the README ("Benchmarks").
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

// Node runs this file directly (type stripping), so the helpers are loaded by their .ts paths;
// the types come from the same files as TypeScript resolves them.
type AppProcess = typeof import('./lib/app-process.js');
type Stats = typeof import('./lib/stats.js');
const { startBenchApi, ROOT, runMain } = (await import(
  new URL('./lib/app-process.ts', import.meta.url).href
)) as AppProcess;
const { formatFailures, runConcurrently } = (await import(new URL('./lib/stats.ts', import.meta.url).href)) as Stats;
const { jsonClient } = (await import(
  new URL('./lib/http-client.ts', import.meta.url).href
)) as typeof import('./lib/http-client.js');
type RunStats = Awaited<ReturnType<Stats['runConcurrently']>>;

const VOTERS = Number(process.env.VOTERS ?? 3000);
const CLIENTS = Number(process.env.CLIENTS ?? 100);
/** PostgreSQL connections, the same for the API (DATABASE_POOL_SIZE) and the direct ceiling. */
const POOL = Number(process.env.POOL ?? 10);
const WARMUP = 300;

interface Voter {
  token: string;
  tokenHash: string;
}

/** Every voter casts once, `clients` at a time. */
const run = (voters: Voter[], clients: number, cast: (voter: Voter) => Promise<string>): Promise<RunStats> =>
  runConcurrently(voters.length, clients, (i) => cast(voters[i]));

async function seed(db: pg.Pool, voters: number): Promise<{ eventId: string; voters: Voter[] }> {
  const event = await db.query<{ id: string }>(
    `INSERT INTO events (slug, title, timezone, starts_at, ends_at, capacity, status, published_at)
     VALUES ($1, 'Vote storm', 'Europe/London', now() + interval '1 day', now() + interval '2 days', $2, 'published', now())
     RETURNING id`,
    [`bench-${randomBytes(4).toString('hex')}`, voters],
  );
  const eventId = event.rows[0].id;
  const { newSecretToken } = (await import(pathToFileURL(join(ROOT, 'dist/platform/crypto/tokens.js')).href)) as {
    newSecretToken(): { token: string; hash: string };
  };
  const secrets = Array.from({ length: voters }, () => newSecretToken());
  await db.query(
    `INSERT INTO registrations (event_id, name, email, email_canonical, organisation, consented_at, status, token_hash)
     SELECT $1, 'Delegate ' || n, 'delegate-' || n || '@bench.example', 'delegate-' || n || '@bench.example',
            'Org ' || (n % 40), now(), 'confirmed', h
       FROM unnest($2::text[]) WITH ORDINALITY AS t(h, n)`,
    [eventId, secrets.map((secret) => secret.hash)],
  );
  return { eventId, voters: secrets.map(({ token, hash }) => ({ token, tokenHash: hash })) };
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
            (SELECT count(*)::int FROM ballots WHERE award_id = $1)
              + (SELECT count(*)::int FROM sealed_ballots WHERE award_id = $1) AS ballots`,
    [awardId],
  );
  return rows[0];
}

function report(label: string, stats: RunStats): void {
  const failures = formatFailures(stats.failed);
  console.log(
    `${label.padEnd(34)} ${stats.ok} ballots in ${stats.seconds.toFixed(2)} s = ${stats.perSecond.toFixed(0)} ballots/s; ` +
      `p50 ${stats.p50.toFixed(1)} ms, p99 ${stats.p99.toFixed(1)} ms${failures ? `; failed: ${failures}` : ''}`,
  );
}

async function main(): Promise<void> {
  const { CAST_BALLOT_SQL, castBallotParameters } = (await import(
    pathToFileURL(join(ROOT, 'dist/awards/ballot.sql.js')).href
  )) as typeof import('../src/awards/ballot.sql.js');
  const { newReceiptCode } = (await import(pathToFileURL(join(ROOT, 'dist/awards/receipt-code.js')).href)) as {
    newReceiptCode(): string;
  };
  const { BallotSeal } = (await import(
    pathToFileURL(join(ROOT, 'dist/awards/ballot-seal.js')).href
  )) as typeof import('../src/awards/ballot-seal.js');
  const { loadConfigFromEnvironment } = (await import(
    pathToFileURL(join(ROOT, 'dist/platform/config/app-config.js')).href
  )) as typeof import('../src/platform/config/app-config.js');
  const { KeyRing } = (await import(
    pathToFileURL(join(ROOT, 'dist/platform/crypto/key-ring.js')).href
  )) as typeof import('../src/platform/crypto/key-ring.js');
  // The ceiling seals each ballot as the API does (same secret: the API inherits this environment).
  const seal = new BallotSeal(new KeyRing(loadConfigFromEnvironment()));
  const api = await startBenchApi({
    name: 'vote-storm',
    label: 'votes',
    poolSize: POOL,
    // The limiter stays in the path; 3,000 voters share one address here, so its backstop must allow them.
    env: {
      RATE_LIMIT_BALLOTS: String(VOTERS),
      RATE_LIMIT_PER_ADDRESS: String(VOTERS * 10),
      DATABASE_POOL_SIZE: String(POOL),
    },
  });
  const { base, db } = api;
  try {
    const { eventId, voters } = await seed(db, VOTERS + WARMUP);
    const warmupVoters = voters.slice(VOTERS);
    const stormVoters = voters.slice(0, VOTERS);
    console.log(
      `vote storm: ${VOTERS} delegates, ${CLIENTS} concurrent clients, ${POOL} PostgreSQL connections (Node ${process.version})`,
    );

    const client = jsonClient(base, CLIENTS);
    const castHttp = (awardId: string, nominees: string[]) => async (voter: Voter) => {
      const status = await client.post(
        `/api/awards/${awardId}/ballots`,
        { nomineeId: nominees[voter.token.charCodeAt(0) % nominees.length] },
        { authorization: `Bearer ${voter.token}` },
      );
      return status === 201 ? 'ok' : String(status);
    };
    const castDirect = (awardId: string, nominees: string[]) => async (voter: Voter) => {
      const result = await db.query(
        CAST_BALLOT_SQL,
        castBallotParameters({
          awardId,
          tokenHash: voter.tokenHash,
          receiptCode: newReceiptCode(),
          sealed: seal.seal(awardId, [nominees[voter.token.charCodeAt(0) % nominees.length]], nominees.length),
          castAt: new Date(),
        }),
      );
      return result.rowCount === 1 ? 'ok' : 'duplicate';
    };

    // Warm both paths (JIT, connection pools) on awards of their own.
    const warmHttp = await newAward(db, eventId, 'Warm-up (HTTP)');
    await run(warmupVoters, CLIENTS, castHttp(warmHttp.id, warmHttp.nominees));
    const warmDirect = await newAward(db, eventId, 'Warm-up (pg)');
    await run(warmupVoters, CLIENTS, castDirect(warmDirect.id, warmDirect.nominees));

    const viaHttp = await newAward(db, eventId, 'Storm (HTTP)');
    const http = await run(stormVoters, CLIENTS, castHttp(viaHttp.id, viaHttp.nominees));
    client.close();
    report('HTTP POST /api/awards/:id/ballots', http);
    const httpCheck = await receiptsAndBallots(db, viaHttp.id);
    console.log(
      `  receipts = ballots: ${httpCheck.receipts} = ${httpCheck.ballots} ${httpCheck.receipts === httpCheck.ballots && httpCheck.receipts === http.ok ? 'OK' : 'MISMATCH'}`,
    );

    const direct = await newAward(db, eventId, 'Storm (pg)');
    const ceiling = await run(stormVoters, CLIENTS, castDirect(direct.id, direct.nominees));
    report('ceiling: one statement per ballot, pg', ceiling);
    const directCheck = await receiptsAndBallots(db, direct.id);
    console.log(
      `  receipts = ballots: ${directCheck.receipts} = ${directCheck.ballots} ${directCheck.receipts === directCheck.ballots ? 'OK' : 'MISMATCH'}`,
    );
    console.log(`ratio HTTP / direct pg: ${(http.perSecond / ceiling.perSecond).toFixed(2)} (target ≥ 0.5)`);
  } finally {
    await api.close();
  }
}

runMain(main);
