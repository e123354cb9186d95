/**
 * Door check-in: 1,000 confirmed delegates arrive at 4 desks (compressed: each desk taps as
 * fast as it can), against the built API (`node dist/main.js`, PROCESS_ROLE=api) in its own
 * process and database. Each desk is a browser of its own: it signs in on /staff/sign-in
 * (a session cookie), takes the door page's CSRF token, then posts the door page's form for
 * its share of the delegates (one tap key each), as the page does with scripts off; a 303
 * back to the door page is a tap saved. Then the ceiling: the very statement that records an
 * event check-in (EVENT_CHECK_IN_SQL, from the build) straight through `pg` by 4 callers on a
 * second event. Every delegate must end checked in exactly once on both paths (asserted).
 * Prints check-ins/s, p50/p99 and the ratio page / pg.
 *
 *   npm run bench:check-in           (builds first; then node bench/check-in.ts)
 *   DELEGATES=1000 DESKS=4 npm run bench:check-in
 *
 * Rate limits stay in the path (every desk shares one address, so the backstop is raised).
 *
 * Figures on the shared 2-core development VM, 2026-12-03, with other work running: page
 * 50 check-ins/s, p50 75 ms, p99 217 ms; pg 315/s, p50 10.7 ms, p99 44 ms; every delegate
 * checked in exactly once on both paths; ratio 0.16. A tap through the page is the session
 * and role checks, the tap key, the check-in and the delegate read back: a desk's phone
 * waits a twentieth of a second for it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
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
type RunStats = Awaited<ReturnType<Stats['runConcurrently']>>;

const DELEGATES = Number(process.env.DELEGATES ?? 1000);
const DESKS = Number(process.env.DESKS ?? 4);
const POOL = Number(process.env.POOL ?? 10);
const WARMUP = 200;
const ADMIN_EMAIL = 'desk-admin@bench.example';
const ADMIN_PASSWORD = randomBytes(18).toString('base64url');

interface Answer {
  status: number;
  location?: string;
  cookies: string[];
  body: string;
}

/** One desk's browser: a keep-alive socket, a cookie jar and the page's CSRF token. */
class Desk {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  private readonly jar = new Map<string, string>();
  csrf = '';
  private readonly base: string;

  constructor(base: string) {
    this.base = base;
  }

  private send(method: string, path: string, form?: Record<string, string>): Promise<Answer> {
    const origin = new URL(this.base);
    const payload = form ? new URLSearchParams(form).toString() : undefined;
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          host: origin.hostname,
          port: origin.port,
          method,
          path,
          headers: {
            cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '),
            ...(payload
              ? {
                  origin: this.base,
                  'content-type': 'application/x-www-form-urlencoded',
                  'content-length': Buffer.byteLength(payload),
                }
              : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
            for (const line of cookies) {
              const [pair] = line.split(';');
              const name = pair.slice(0, pair.indexOf('='));
              const value = pair.slice(name.length + 1);
              if (value === '' || /Max-Age=0/i.test(line)) this.jar.delete(name);
              else this.jar.set(name, value);
            }
            const body = Buffer.concat(chunks).toString();
            const token = /name="_csrf" value="([^"]+)"/.exec(body);
            if (token) this.csrf = token[1];
            resolve({ status: response.statusCode ?? 0, location: response.headers.location, cookies, body });
          });
          response.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  get = (path: string) => this.send('GET', path);
  post = (path: string, form: Record<string, string>) => this.send('POST', path, { ...form, _csrf: this.csrf });

  async signIn(): Promise<void> {
    await this.get('/staff/sign-in');
    const answer = await this.post('/staff/sign-in', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    if (answer.status !== 303) throw new Error(`sign-in answered ${answer.status}`);
  }

  close(): void {
    this.agent.destroy();
  }
}

async function newEvent(db: pg.Pool, title: string, delegates: number): Promise<string> {
  const event = await db.query<{ id: string }>(
    `INSERT INTO events (slug, title, timezone, starts_at, ends_at, capacity, status, published_at)
     VALUES ($1, $2, 'Europe/London', now(), now() + interval '1 day', $3, 'published', now())
     RETURNING id`,
    [`bench-${randomBytes(4).toString('hex')}`, title, delegates],
  );
  const eventId = event.rows[0].id;
  await db.query(
    `INSERT INTO registrations (event_id, name, email, email_canonical, organisation, consented_at, status, token_hash)
     SELECT $1, 'Delegate ' || n, 'd' || n || '-' || $2 || '@bench.example', 'd' || n || '-' || $2 || '@bench.example',
            'Organisation ' || (n % 97), now(), 'confirmed', md5($2 || n)
     FROM generate_series(1, $3) AS n`,
    [eventId, randomBytes(4).toString('hex'), delegates],
  );
  return eventId;
}

async function delegatesOf(db: pg.Pool, eventId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM registrations WHERE event_id = $1 ORDER BY id', [
    eventId,
  ]);
  return rows.map((r) => r.id);
}

/** Checked in, not, and whether anyone was recorded twice (one row per delegate: at most once by construction). */
async function check(db: pg.Pool, eventId: string): Promise<{ checkedIn: number; notIn: number }> {
  const { rows } = await db.query<{ checked_in: number; not_in: number }>(
    `SELECT count(checked_in_at)::int AS checked_in, count(*) FILTER (WHERE checked_in_at IS NULL)::int AS not_in
     FROM registrations WHERE event_id = $1`,
    [eventId],
  );
  return { checkedIn: rows[0].checked_in, notIn: rows[0].not_in };
}

function report(label: string, stats: RunStats, counts: { checkedIn: number; notIn: number }, taps: number): boolean {
  const failures = formatFailures(stats.failed);
  const exact = counts.checkedIn === DELEGATES && counts.notIn === 0 && taps === DELEGATES;
  console.log(
    `${label.padEnd(44)} ${stats.ok} check-ins in ${stats.seconds.toFixed(2)} s = ${stats.perSecond.toFixed(0)}/s; ` +
      `p50 ${stats.p50.toFixed(1)} ms, p99 ${stats.p99.toFixed(1)} ms${failures ? `; failed: ${failures}` : ''}`,
  );
  console.log(
    `  checked in ${counts.checkedIn} of ${DELEGATES}, recorded by ${taps} taps: ` +
      `${exact ? 'every delegate exactly once: OK' : 'WRONG'}`,
  );
  return exact;
}

async function main(): Promise<void> {
  const { EVENT_CHECK_IN_SQL } = (await import(
    pathToFileURL(join(ROOT, 'dist/registrations/check-in/check-in.repository.js')).href
  )) as { EVENT_CHECK_IN_SQL: string };
  const api = await startBenchApi({
    name: 'check-in',
    label: 'checkin',
    poolSize: POOL,
    env: {
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      DATABASE_POOL_SIZE: String(POOL),
      // The limiter stays in the path; every desk shares one address.
      RATE_LIMIT_DEFAULT: String(DELEGATES * 20),
      RATE_LIMIT_PER_ADDRESS: String(DELEGATES * 20),
    },
  });
  const { base, db } = api;
  const desks = Array.from({ length: DESKS }, () => new Desk(base));
  let allExact = true;
  try {
    console.log(
      `door check-in: ${DELEGATES} delegates, ${DESKS} desks as fast as they go, ${POOL} PostgreSQL connections (Node ${process.version})`,
    );
    const [admin] = await db
      .query<{ id: string }>('SELECT id FROM users WHERE email = $1', [ADMIN_EMAIL])
      .then((r) => r.rows);
    for (const desk of desks) await desk.signIn();

    /** A desk's tap: the door page's form, as posted with scripts off; a 303 back to the page is saved. */
    const tapThroughPage = (eventId: string, ids: string[], recorded: { taps: number }) => async (i: number) => {
      const desk = desks[i % DESKS];
      const answer = await desk.post(`/staff/events/${eventId}/check-in`, {
        registrationId: ids[i],
        key: randomUUID(),
      });
      if (answer.status !== 303) return String(answer.status);
      // The flash the page will show says whether this tap recorded the check-in or found it recorded.
      if (answer.cookies.some((c) => c.startsWith('plenary_flash=checkedIn.'))) recorded.taps += 1;
      return 'ok';
    };
    /** The statement the service runs for a check-in, straight through pg. */
    const tapThroughPg = (eventId: string, ids: string[], recorded: { taps: number }) => async (i: number) => {
      const { rows } = await db.query(EVENT_CHECK_IN_SQL, [eventId, ids[i], new Date(), admin.id]);
      recorded.taps += rows.length;
      return 'ok';
    };

    // Warm both paths (JIT, connection pools, each desk's door page for its CSRF token) on events of their own.
    const warmPage = await newEvent(db, 'Warm-up (page)', WARMUP);
    for (const desk of desks) await desk.get(`/staff/events/${warmPage}/check-in`);
    await runConcurrently(WARMUP, DESKS, tapThroughPage(warmPage, await delegatesOf(db, warmPage), { taps: 0 }));
    const warmPg = await newEvent(db, 'Warm-up (pg)', WARMUP);
    await runConcurrently(WARMUP, DESKS, tapThroughPg(warmPg, await delegatesOf(db, warmPg), { taps: 0 }));

    const viaPage = await newEvent(db, 'Doors (page)', DELEGATES);
    const pageIds = await delegatesOf(db, viaPage);
    const pageTaps = { taps: 0 };
    const page = await runConcurrently(DELEGATES, DESKS, tapThroughPage(viaPage, pageIds, pageTaps));
    allExact =
      report('POST /staff/events/:id/check-in (page form)', page, await check(db, viaPage), pageTaps.taps) && allExact;

    const viaPg = await newEvent(db, 'Doors (pg)', DELEGATES);
    const pgIds = await delegatesOf(db, viaPg);
    const pgTaps = { taps: 0 };
    const ceiling = await runConcurrently(DELEGATES, DESKS, tapThroughPg(viaPg, pgIds, pgTaps));
    allExact =
      report('ceiling: EVENT_CHECK_IN_SQL straight via pg', ceiling, await check(db, viaPg), pgTaps.taps) && allExact;

    console.log(`ratio page / direct pg: ${(page.perSecond / ceiling.perSecond).toFixed(2)}`);
  } finally {
    for (const desk of desks) desk.close();
    await api.close();
  }
  if (!allExact) throw new Error('A delegate was not checked in exactly once.');
}

runMain(main);
