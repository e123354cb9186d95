/**
 * Delegate pages under load: GET /events/:slug/register (the register form) and GET /r/:token
 * (a confirmed delegate's personal page, with workshops, a canvas and awards on it), each for
 * SECONDS at CONNECTIONS connections (autocannon, in a child process), against the real
 * application started in this process (Fastify adapter, every global guard, pipe and filter;
 * rate limits off so one address may hammer it; PROCESS_ROLE=api). Beside each, the ceiling
 * with the same tool and settings: a plain node:http server in this process returning the very
 * same bytes and headers. Prints req/s and p99 for both and the ratio app / ceiling (target
 * ≥ 0.5). ROUNDS alternating pairs of runs per page are averaged.
 *
 *   npm run bench:pages            (builds first; then node bench/pages.ts)
 *   SECONDS=10 CONNECTIONS=50 ROUNDS=1 npm run bench:pages
 *
 * Seeding goes straight into a fresh database of its own (dropped at the end). The personal
 * page is rendered per request (it is one delegate's, never cached): the token's look-up, the
 * registration, its workshops and the sections awards and canvas add.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

type LoadHelpers = typeof import('./lib/load.js');
const { autocannon, benchDatabase, formatLoad, ROOT, services } = (await import(
  new URL('./lib/load.ts', import.meta.url).href
)) as LoadHelpers;

const SECONDS = Number(process.env.SECONDS ?? 10);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 1);

type LoadResult = Awaited<ReturnType<LoadHelpers['autocannon']>>;

interface NestApp {
  listen(port: number, host: string): Promise<unknown>;
  getHttpServer(): { address(): AddressInfo };
  close(): Promise<void>;
}

function average(runs: LoadResult[]): LoadResult {
  const mean = (pick: (r: LoadResult) => number) => runs.reduce((sum, r) => sum + pick(r), 0) / runs.length;
  const sum = (pick: (r: LoadResult) => number) => runs.reduce((total, r) => total + pick(r), 0);
  return {
    requestsPerSecond: mean((r) => r.requestsPerSecond),
    p50: Math.round(mean((r) => r.p50)),
    p99: Math.round(mean((r) => r.p99)),
    total: sum((r) => r.total),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    bytesPerSecond: mean((r) => r.bytesPerSecond),
  };
}

/** An event with six workshops (one with a canvas), two awards, and one confirmed delegate in a workshop. */
async function seed(url: string): Promise<{ slug: string; token: string }> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const eventId = randomUUID();
  const slug = `practice-network-${randomBytes(3).toString('hex')}`;
  const start = Date.now() + 30 * 86_400_000;
  await db.query(
    `INSERT INTO events (id, slug, title, description, venue, timezone, starts_at, ends_at, capacity, status, published_at, agenda_version)
     VALUES ($1, $2, 'Practice Network Meeting', 'A day of talks and workshops.', 'Town Hall, Leeds',
             'Europe/London', $3, $4, 600, 'published', now(), 1)`,
    [eventId, slug, new Date(start), new Date(start + 8 * 3_600_000)],
  );
  const workshops: string[] = [];
  for (let i = 0; i < 6; i++) {
    const id = randomUUID();
    workshops.push(id);
    const startsAt = start + (1 + (i % 3)) * 3_600_000;
    await db.query(
      `INSERT INTO sessions (id, event_id, title, kind, starts_at, ends_at, room, capacity)
       VALUES ($1, $2, $3, 'workshop', $4, $5, $6, 30)`,
      [id, eventId, `Workshop ${i + 1}`, new Date(startsAt), new Date(startsAt + 50 * 60_000), `Room ${i + 1}`],
    );
  }
  const token = randomBytes(32).toString('base64url');
  const registrationId = randomUUID();
  await db.query(
    `INSERT INTO registrations (id, event_id, name, email, email_canonical, organisation, status, token_hash, consented_at, link_used_at)
     VALUES ($1, $2, 'Rosa Parks', 'rosa@example.org', 'rosa@example.org', 'Montgomery PCN', 'confirmed', $3, now(), now())`,
    [registrationId, eventId, createHash('sha256').update(token, 'utf8').digest('hex')],
  );
  await db.query(
    `INSERT INTO session_signups (id, session_id, registration_id, status) VALUES ($1, $2, $3, 'confirmed')`,
    [randomUUID(), workshops[0], registrationId],
  );
  await db.query(
    `INSERT INTO canvases (id, event_id, session_id, title, sections, join_code, anonymous)
     VALUES ($1, $2, $3, 'Workshop 1 canvas', '[]'::jsonb, $4, false)`,
    [randomUUID(), eventId, workshops[0], 'BENCH2'],
  );
  for (const title of ['Link Officer of the Year', 'Team of the Year']) {
    await db.query(
      `INSERT INTO awards (id, event_id, title, description, voting_opens_at, voting_closes_at, method)
       VALUES ($1, $2, $3, '', now() - interval '1 hour', now() + interval '1 day', 'plurality')`,
      [randomUUID(), eventId, title],
    );
  }
  await db.end();
  return { slug, token };
}

/** The exact bytes and headers a warm request gets, for the ceiling to serve. */
async function snapshot(url: string): Promise<{ body: Buffer; headers: Record<string, string> }> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    if (!['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(key)) headers[key] = value;
  });
  return { body: Buffer.from(await response.arrayBuffer()), headers };
}

async function compare(label: string, appUrl: string): Promise<void> {
  const { body, headers } = await snapshot(appUrl);
  const ceiling = createServer((_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, headers);
    res.end(body);
  });
  await new Promise<void>((resolve) => ceiling.listen(0, '127.0.0.1', resolve));
  try {
    const ceilingUrl = `http://127.0.0.1:${(ceiling.address() as AddressInfo).port}/`;
    await autocannon(appUrl, { connections: CONNECTIONS, seconds: 2 });
    
    const appRuns: LoadResult[] = [];
    const plainRuns: LoadResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (['app', 'plain'] as const) : (['plain', 'app'] as const);
      for (const side of order) {
        if (side === 'app') appRuns.push(await autocannon(appUrl, { connections: CONNECTIONS, seconds: SECONDS }));
        else plainRuns.push(await autocannon(appUrl, { connections: CONNECTIONS, seconds: 1 }));
      }
    }
    const app = average(appRuns);
    const plain = average(plainRuns);
    console.log(`${label}: ${body.length} bytes`);
    console.log(formatLoad(`  app`, app));
    console.log(formatLoad(`  node:http, same bytes`, plain));
    if (app.non2xx > 0 || app.errors > 0) console.log('  WARNING: the app answered some requests with errors.');
    console.log(
      `  ratio app/ceiling: ${(app.requestsPerSecond / plain.requestsPerSecond).toFixed(2)} ` +
        `(${app.requestsPerSecond.toFixed(0)} vs ${plain.requestsPerSecond.toFixed(0)} req/s; p99 ${app.p99} vs ${plain.p99} ms; target ≥ 0.5)`,
    );
  } finally {
    await new Promise((resolve) => ceiling.close(resolve));
  }
}

async function main(): Promise<void> {
  const { databaseUrl, redisUrl } = services();
  const database = await benchDatabase(databaseUrl, 'pages');
  let app: NestApp | undefined;
  try {
    const { slug, token } = await seed(database.url);
    const { loadConfig } = (await import(pathToFileURL(join(ROOT, 'dist/platform/config/app-config.js')).href)) as {
      loadConfig(env: Record<string, string>, overrides: Record<string, unknown>): unknown;
    };
    const { createHttpApp } = (await import(pathToFileURL(join(ROOT, 'dist/app/app.factory.js')).href)) as {
      createHttpApp(config: unknown): Promise<NestApp>;
    };
    const config = loadConfig(
      {},
      {
        databaseUrl: database.url,
        redisUrl,
        processRole: 'api',
        rateLimitDisabled: true,
        logLevel: 'warn',
        queuePrefix: `bench-pages-${randomBytes(3).toString('hex')}`,
      },
    );
    app = await createHttpApp(config);
    await app.listen(0, '127.0.0.1');
    const origin = `http://127.0.0.1:${app.getHttpServer().address().port}`;
    console.log(`Load: ${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} round(s) per page.`);
    
    await compare('GET /r/:token (personal page)', `${origin}/r/${token}`);
  } finally {
    await app?.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
