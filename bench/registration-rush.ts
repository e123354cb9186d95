/**
 * Registration rush: 2,000 registrations from 100 concurrent clients for 500 seats,
 * against the built API (`node dist/main.js`, PROCESS_ROLE=api, so no mail is sent during
 * the run; the outbox rows are written as in production) in its own process and its own
 * database. Then the ceiling: the very same SQL transaction (BEGIN; lock the event row;
 * the capacity-deciding INSERT; the outbox row; COMMIT) issued straight through `pg`
 * (a pool as large as the app's) by 100 concurrent callers on a second event of 500 seats.
 * The personal link goes only by email, so neither path reads a token from an answer: HTTP
 * counts 202s, and the place each registration got is read from the database.
 * Prints registrations/s, p50/p99 latency, confirmed and waitlisted counts (confirmed
 * must be exactly 500, positions 1..n), and the ratio HTTP / direct on the last line
 * (target ≥ 0.5).
 *
 * Then a second ceiling, the minimal correct seat transaction through `pg` (a conditional
 * update of a seat counter, the registration row, its outbox row: what the seats cost when
 * nothing counts rows), and a scale run through HTTP: SCALE_REGISTRATIONS (20,000) for
 * SCALE_SEATS (10,000) seats, whose registrations/s should stay within 20% of the first run's
 * (SCALE_REGISTRATIONS=0 skips it).
 *
 *   npm run bench:registrations      (builds first; runs with Node 24: node bench/registration-rush.ts)
 *   REGISTRATIONS=2000 SEATS=500 CLIENTS=100 npm run bench:registrations
 *
 * Only packages are imported here (Node strips the types); the SQL, the SecretBox
 * and the token generator come from the build, so both paths run the same statements.
 *
 * Throughput is bounded by the event's seat lock: seat decisions for one event are taken one at
 * a time, so every round trip inside the transaction counts. Figures: README and docs/benchmarks.md.
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

const REGISTRATIONS = Number(process.env.REGISTRATIONS ?? 2000);
const SEATS = Number(process.env.SEATS ?? 500);
const CLIENTS = Number(process.env.CLIENTS ?? 100);
/** PostgreSQL connections, the same for the API (DATABASE_POOL_SIZE) and the direct ceiling. */
const POOL = Number(process.env.POOL ?? 10);
const WARMUP = 300;
/** The scale run: ten times the size, to see whether the cost per registration stays flat as the event fills. */
const SCALE_REGISTRATIONS = Number(process.env.SCALE_REGISTRATIONS ?? 20_000);
const SCALE_SEATS = Number(process.env.SCALE_SEATS ?? 10_000);

/**
 * The minimal correct seat transaction, the second ceiling: the event's own seat counter
 * (events.confirmed_count, backed by its check constraint) claimed by a conditional update;
 * when none is left the waiting counter gives the place in the queue. No count of
 * registrations anywhere, and no lock taken before the claim.
 */
const CLAIM_SEAT_SQL = `
  UPDATE events SET confirmed_count = confirmed_count + 1
  WHERE id = $1 AND confirmed_count < capacity RETURNING confirmed_count`;
const JOIN_QUEUE_SQL = `UPDATE events SET waiting_count = waiting_count + 1 WHERE id = $1 RETURNING waiting_count`;
const INSERT_PLACED_SQL = `
  INSERT INTO registrations (event_id, name, email, token_hash, organisation, job_title, consented_at, token_sealed,
                             email_canonical, status, waitlist_seq, waitlist_reason)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`;

interface Sql {
  LOCK_EVENT_SQL: string;
  INSERT_REGISTRATION_SQL: string;
  INSERT_NOTIFICATION_SQL: string;
}

async function newEvent(db: pg.Pool, title: string, capacity: number): Promise<string> {
  const event = await db.query<{ id: string }>(
    `INSERT INTO events (slug, title, timezone, starts_at, ends_at, capacity, status, published_at)
     VALUES ($1, $2, 'Europe/London', now() + interval '30 days', now() + interval '31 days', $3, 'published', now())
     RETURNING id`,
    [`bench-${randomBytes(4).toString('hex')}`, title, capacity],
  );
  return event.rows[0].id;
}

/** Confirmed and waitlisted counts, and whether the waiting positions are exactly 1..n. */
async function check(
  db: pg.Pool,
  eventId: string,
  seats = SEATS,
): Promise<{ confirmed: number; waitlisted: number; gapless: boolean; seats: number; countersAgree: boolean }> {
  const { rows } = await db.query<{
    confirmed: number;
    waitlisted: number;
    distinct_seq: number;
    confirmed_count: number;
    waiting_count: number;
  }>(
    `SELECT count(*) FILTER (WHERE r.status = 'confirmed')::int AS confirmed,
            count(*) FILTER (WHERE r.status = 'waitlisted')::int AS waitlisted,
            count(DISTINCT r.waitlist_seq)::int AS distinct_seq, e.confirmed_count, e.waiting_count
     FROM events e LEFT JOIN registrations r ON r.event_id = e.id WHERE e.id = $1 GROUP BY e.id`,
    [eventId],
  );
  const { confirmed, waitlisted, distinct_seq, confirmed_count, waiting_count } = rows[0];
  // Positions are ranks over waitlist_seq; they are 1..n without repeats when every seq is distinct.
  return {
    confirmed,
    waitlisted,
    gapless: distinct_seq === waitlisted,
    seats,
    countersAgree: confirmed_count === confirmed && waiting_count === waitlisted,
  };
}

function report(
  label: string,
  stats: RunStats,
  counts: { confirmed: number; waitlisted: number; gapless: boolean; seats: number; countersAgree: boolean },
) {
  const failures = formatFailures(stats.failed);
  console.log(
    `${label.padEnd(40)} ${stats.ok} registrations in ${stats.seconds.toFixed(2)} s = ${stats.perSecond.toFixed(0)}/s; ` +
      `p50 ${stats.p50.toFixed(1)} ms, p99 ${stats.p99.toFixed(1)} ms${failures ? `; failed: ${failures}` : ''}`,
  );
  console.log(
    `  confirmed ${counts.confirmed} (${counts.confirmed === counts.seats ? 'exactly the seats: OK' : 'WRONG'}), ` +
      `waitlisted ${counts.waitlisted}, positions 1..${counts.waitlisted} ${counts.gapless ? 'OK' : 'WRONG'}, ` +
      `the event's counters ${counts.countersAgree ? 'agree with the rows: OK' : 'DISAGREE with the rows'}`,
  );
}

async function main(): Promise<void> {
  const sql = (await import(pathToFileURL(join(ROOT, 'dist/registrations/registrations.sql.js')).href)) as Sql;
  const { SecretBox } = (await import(
    pathToFileURL(join(ROOT, 'dist/platform/crypto/secret-box.js')).href
  )) as typeof import('../src/platform/crypto/secret-box.js');
  const { KeyRing } = (await import(
    pathToFileURL(join(ROOT, 'dist/platform/crypto/key-ring.js')).href
  )) as typeof import('../src/platform/crypto/key-ring.js');
  const { newSecretToken } = (await import(pathToFileURL(join(ROOT, 'dist/platform/crypto/tokens.js')).href)) as {
    newSecretToken(): { token: string; hash: string };
  };
  const { canonicalEmailOf } = (await import(
    pathToFileURL(join(ROOT, 'dist/platform/mail/email-address.js')).href
  )) as { canonicalEmailOf(typed: string): string };
  const { organisationKey } = (await import(
    pathToFileURL(join(ROOT, 'dist/platform/text/organisation-key.js')).href
  )) as { organisationKey(text: string | null): string | null };
  const masterSecret = randomBytes(24).toString('hex');
  const box = new SecretBox(new KeyRing({ masterSecret, masterKeyId: 'k1' }), 'personal-link');
  const api = await startBenchApi({
    name: 'registration-rush',
    label: 'registrations',
    poolSize: POOL,
    env: {
      MASTER_SECRET: masterSecret,
      MASTER_KEY_ID: 'k1',
      DATABASE_POOL_SIZE: String(POOL),
      // The limiter stays in the path; every client here shares one address, so its backstop must allow them.
      RATE_LIMIT_REGISTRATION: String(REGISTRATIONS * 2),
      RATE_LIMIT_PER_ADDRESS: String(REGISTRATIONS * 20),
    },
  });
  const { base, db } = api;
  try {
    console.log(
      `registration rush: ${REGISTRATIONS} registrations, ${SEATS} seats, ${CLIENTS} concurrent clients, ${POOL} PostgreSQL connections (Node ${process.version})`,
    );

    const body = (prefix: string, i: number) => ({
      name: `Delegate ${i}`,
      email: `${prefix}-${i}@bench.example`,
      organisation: `Organisation ${i % 97}`,
      jobTitle: 'Officer',
      consent: true,
    });
    const client = jsonClient(base, CLIENTS);
    const registerHttp = (eventId: string, prefix: string) => async (i: number) => {
      const status = await client.post(`/api/events/${eventId}/registrations`, body(prefix, i));
      return status === 202 ? 'ok' : String(status);
    };
    /** The service's transaction, statement for statement, without HTTP or Nest. */
    const registerDirect = (eventId: string, prefix: string) => async (i: number) => {
      const input = body(prefix, i);
      const { token, hash } = newSecretToken();
      const now = new Date();
      const client = await db.connect();
      try {
        await client.query('BEGIN');
        await client.query(sql.LOCK_EVENT_SQL, [eventId]);
        const placed = await client.query<{ id: string; status: string }>(sql.INSERT_REGISTRATION_SQL, [
          eventId,
          input.name,
          input.email,
          hash,
          input.organisation,
          input.jobTitle,
          null,
          null,
          now,
          box.seal(token),
          canonicalEmailOf(input.email),
          organisationKey(input.organisation),
          null,
        ]);
        const { id, status } = placed.rows[0];
        await client.query(sql.INSERT_NOTIFICATION_SQL, [
          status === 'confirmed' ? 'registration-confirmed' : 'registration-waitlisted',
          input.email,
          '{}',
          now,
          `registration-welcome:${id}:${hash.slice(0, 16)}`,
          eventId,
          id,
        ]);
        await client.query('COMMIT');
        return 'ok';
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    };

    /** The minimal correct seat transaction: conditional counter update, registration, outbox row. */
    const registerMinimal = (eventId: string, prefix: string) => async (i: number) => {
      const input = body(prefix, i);
      const { token, hash } = newSecretToken();
      const now = new Date();
      const client = await db.connect();
      try {
        await client.query('BEGIN');
        const seat = await client.query(CLAIM_SEAT_SQL, [eventId]);
        const position =
          seat.rowCount === 1
            ? null
            : (await client.query<{ waiting_count: number }>(JOIN_QUEUE_SQL, [eventId])).rows[0].waiting_count;
        const placed = await client.query<{ id: string }>(INSERT_PLACED_SQL, [
          eventId,
          input.name,
          input.email,
          hash,
          input.organisation,
          input.jobTitle,
          now,
          box.seal(token),
          canonicalEmailOf(input.email),
          position === null ? 'confirmed' : 'waitlisted',
          position,
          position === null ? null : 'event_full',
        ]);
        const id = placed.rows[0].id;
        await client.query(sql.INSERT_NOTIFICATION_SQL, [
          position === null ? 'registration-confirmed' : 'registration-waitlisted',
          input.email,
          '{}',
          now,
          `registration-welcome:${id}:${hash.slice(0, 16)}`,
          eventId,
          id,
        ]);
        await client.query('COMMIT');
        return 'ok';
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    };

    // Warm the paths (JIT, connection pools) on events of their own.
    await runConcurrently(WARMUP, CLIENTS, registerHttp(await newEvent(db, 'Warm-up (HTTP)', WARMUP / 2), 'warm-http'));
    await runConcurrently(WARMUP, CLIENTS, registerDirect(await newEvent(db, 'Warm-up (pg)', WARMUP / 2), 'warm-pg'));
    await runConcurrently(
      WARMUP,
      CLIENTS,
      registerMinimal(await newEvent(db, 'Warm-up (minimal)', WARMUP / 2), 'warm-min'),
    );

    const viaHttp = await newEvent(db, 'Rush (HTTP)', SEATS);
    const http = await runConcurrently(REGISTRATIONS, CLIENTS, registerHttp(viaHttp, 'http'));
    report('HTTP POST /api/events/:id/registrations', http, await check(db, viaHttp));

    const direct = await newEvent(db, 'Rush (pg)', SEATS);
    const ceiling = await runConcurrently(REGISTRATIONS, CLIENTS, registerDirect(direct, 'pg'));
    report('ceiling: same SQL straight via pg', ceiling, await check(db, direct));

    const minimalEvent = await newEvent(db, 'Rush (minimal)', SEATS);
    const minimal = await runConcurrently(REGISTRATIONS, CLIENTS, registerMinimal(minimalEvent, 'min'));
    report('ceiling: minimal correct seat transaction', minimal, await check(db, minimalEvent));

    let scale: RunStats | undefined;
    if (SCALE_REGISTRATIONS > 0) {
      const scaleEvent = await newEvent(db, 'Rush at scale (HTTP)', SCALE_SEATS);
      scale = await runConcurrently(SCALE_REGISTRATIONS, CLIENTS, registerHttp(scaleEvent, 'scale'));
      report(`scale: HTTP, ${SCALE_REGISTRATIONS} for ${SCALE_SEATS}`, scale, await check(db, scaleEvent, SCALE_SEATS));
    }
    client.close();

    console.log(`ratio HTTP / direct pg: ${(http.perSecond / ceiling.perSecond).toFixed(2)} (target ≥ 0.5)`);
    console.log(
      `ratio HTTP / minimal correct seat transaction: ${(http.perSecond / minimal.perSecond).toFixed(2)} (target ≥ 0.5)`,
    );
    if (scale) {
      console.log(
        `scale run / ${REGISTRATIONS}-for-${SEATS} run: ${(scale.perSecond / http.perSecond).toFixed(2)} (target ≥ 0.8: flat cost as the event fills)`,
      );
    }
  } finally {
    await api.close();
  }
}

runMain(main);
