/**
 * Agenda read: GET /api/events/:id/agenda of a 3-day event with 150 sessions and 60
 * speakers, for 15 s at 50 connections (autocannon, in a child process), against the
 * real application started in this process (Fastify adapter, every global guard, pipe
 * and filter; rate limits off so one address may hammer it; PROCESS_ROLE=api). Then the
 * ceiling, with the same tool and settings: a plain node:http server in this process
 * returning the very same bytes and headers. Prints req/s and p99 for both and, on the
 * last line, the ratio app / ceiling (target ≥ 0.7). ROUNDS (default 2) alternating pairs of
 * runs are averaged, so a change in the shared machine's load weighs on both sides alike.
 * Then the same with `Accept-Encoding: br`: the app sends the brotli bytes it built with the
 * cache entry, the ceiling the same bytes and headers; target ratio ≥ 0.9, and a response at
 * least 5× smaller than uncompressed.
 *
 *   npm run bench:agenda            (builds first; then node bench/agenda-read.ts)
 *   SECONDS=15 CONNECTIONS=50 ROUNDS=2 npm run bench:agenda
 *
 * Seeding goes straight into a fresh database of its own (dropped at the end).
 *
 * Figures on the 2-core development VM, 2026-12-02, nothing else running, 96 KB agenda
 * body, 50 connections, 15 s runs, all 2xx, ROUNDS=2: ratio 0.64, 0.70, 0.70, 0.73 and 1.03
 * (app 6,043–8,847 req/s, node:http 8,560–12,553); earlier runs under other load 0.70–0.90.
 * The app's fast path is a map lookup and a Buffer send: no database or Redis
 * call per request (the copy is dropped on a Redis message and re-checked every 5 s).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, get, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

// Node runs this file directly (type stripping), so the helper is loaded by its .ts path;
// the type comes from the same file as TypeScript resolves it.
type LoadHelpers = typeof import('./lib/load.js');
const { autocannon, benchDatabase, formatLoad, ROOT, services } = (await import(
  new URL('./lib/load.ts', import.meta.url).href
)) as LoadHelpers;

const SECONDS = Number(process.env.SECONDS ?? 15);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const DAYS = 3;
const ROOMS = ['Main Hall', 'Room A', 'Room B', 'Room C', 'Garden Room'];
const SLOTS_PER_DAY = 10;
const SPEAKERS = 60;
const ROUNDS = Number(process.env.ROUNDS ?? 2);

type LoadResult = Awaited<ReturnType<LoadHelpers['autocannon']>>;

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

interface NestApp {
  listen(port: number, host: string): Promise<unknown>;
  getHttpServer(): { address(): AddressInfo };
  close(): Promise<void>;
}

async function seed(url: string): Promise<string> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const eventId = randomUUID();
  const start = Date.UTC(2027, 5, 14, 8, 0); // 09:00 in London (BST)
  await db.query(
    `INSERT INTO events (id, slug, title, description, venue, timezone, starts_at, ends_at, capacity, status, published_at, agenda_version)
     VALUES ($1, $2, 'Annual Practice Network Meeting', 'Three days of keynotes, talks and workshops.', 'Town Hall, Leeds',
             'Europe/London', $3, $4, 600, 'published', now(), 1)`,
    [
      eventId,
      `annual-meeting-${randomBytes(3).toString('hex')}`,
      new Date(start),
      new Date(start + (DAYS - 1) * 86_400_000 + 10 * 3_600_000),
    ],
  );
  const speakerIds: string[] = [];
  for (let i = 0; i < SPEAKERS; i++) {
    const id = randomUUID();
    speakerIds.push(id);
    await db.query(
      `INSERT INTO speakers (id, event_id, name, bio, organisation, job_title, email, photo_url)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        eventId,
        `Speaker ${i + 1}`,
        `Speaker ${i + 1} has worked in practice networks for ${5 + (i % 20)} years and writes about movement building.`,
        `Organisation ${(i % 12) + 1}`,
        i % 3 === 0 ? 'Director' : 'Practitioner',
        `speaker${i + 1}@example.org`,
        `https://example.org/photos/${i + 1}.jpg`,
      ],
    );
  }
  let n = 0;
  for (let day = 0; day < DAYS; day++) {
    for (let slot = 0; slot < SLOTS_PER_DAY; slot++) {
      for (let room = 0; room < ROOMS.length; room++) {
        const sessionId = randomUUID();
        const startsAt = start + day * 86_400_000 + slot * 3_600_000;
        const kind = ['talk', 'workshop', 'panel', 'talk', 'keynote'][room];
        await db.query(
          `INSERT INTO sessions (id, event_id, title, abstract, kind, starts_at, ends_at, room, track, capacity)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            sessionId,
            eventId,
            `Session ${n + 1}: practice, evidence and change`,
            `What we learned this year about session ${n + 1}, with time for questions.`,
            kind,
            new Date(startsAt),
            new Date(startsAt + 50 * 60_000),
            ROOMS[room],
            `Track ${(room % 3) + 1}`,
            kind === 'workshop' ? 30 : null,
          ],
        );
        // One or two speakers each; a speaker is never in two rooms in the same slot.
        const first = (slot * ROOMS.length + room) % SPEAKERS;
        const ids = n % 3 === 0 ? [speakerIds[first], speakerIds[(first + 30) % SPEAKERS]] : [speakerIds[first]];
        for (const speakerId of ids) {
          await db.query('INSERT INTO session_speakers (session_id, speaker_id) VALUES ($1, $2)', [
            sessionId,
            speakerId,
          ]);
        }
        n++;
      }
    }
  }
  await db.end();
  return eventId;
}

/** One GET with node:http, bytes as they came over the wire (no decoding). */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const kept: Record<string, string> = {};
        for (const [key, value] of Object.entries(res.headers)) {
          if (value !== undefined && !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(key))
            kept[key] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({ status: res.statusCode ?? 0, headers: kept, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    }).on('error', reject);
  });
}

/**
 * The app against a plain node:http server answering the very bytes and headers the app sent
 * for these request headers, in alternating runs (app, ceiling, ceiling, app, …) so a change in
 * the machine's load weighs on both sides alike; the figures are averaged per side.
 */
async function compare(
  label: string,
  appUrl: string,
  headers: Record<string, string>,
  keep: (server: ReturnType<typeof createServer>) => void,
): Promise<{ ratio: number; bytes: number }> {
  const sample = await rawGet(appUrl, headers);
  if (sample.status !== 200) throw new Error(`agenda answered ${sample.status}`);
  const server = createServer((_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, sample.headers);
    res.end(sample.body);
  });
  keep(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const ceilingUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  console.log(
    `[${label}] ${sample.body.length} bytes per response, content-encoding ${sample.headers['content-encoding'] ?? 'none'}`,
  );
  // A short warm-up of both, so JIT and connection setup are out of the measured runs.
  await autocannon(appUrl, { connections: CONNECTIONS, seconds: 2, headers });
  await autocannon(ceilingUrl, { connections: CONNECTIONS, seconds: 2, headers });
  const apiRuns: LoadResult[] = [];
  const plainRuns: LoadResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (['api', 'plain'] as const) : (['plain', 'api'] as const);
    for (const side of order) {
      if (side === 'api')
        apiRuns.push(await autocannon(appUrl, { connections: CONNECTIONS, seconds: SECONDS, headers }));
      else plainRuns.push(await autocannon(ceilingUrl, { connections: CONNECTIONS, seconds: SECONDS, headers }));
    }
  }
  const api = average(apiRuns);
  const plain = average(plainRuns);
  console.log(formatLoad(`[${label}] GET /api/events/:id/agenda`, api));
  console.log(formatLoad(`[${label}] node:http, same bytes`, plain));
  if (api.non2xx > 0 || api.errors > 0) console.log(`WARNING [${label}]: the API answered some requests with errors.`);
  return { ratio: api.requestsPerSecond / plain.requestsPerSecond, bytes: sample.body.length };
}

async function main(): Promise<void> {
  const { databaseUrl, redisUrl } = services();
  const database = await benchDatabase(databaseUrl, 'agenda');
  let app: NestApp | undefined;
  let ceiling: ReturnType<typeof createServer> | undefined;
  try {
    const eventId = await seed(database.url);
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
        queuePrefix: `bench-agenda-${randomBytes(3).toString('hex')}`,
      },
    );
    app = await createHttpApp(config);
    await app.listen(0, '127.0.0.1');
    const appUrl = `http://127.0.0.1:${app.getHttpServer().address().port}/api/events/${eventId}/agenda`;

    // Warm the cache; the agenda's size, for the log.
    const plainBody = (await rawGet(appUrl, {})).body;
    const agenda = JSON.parse(plainBody.toString()) as { days: Array<{ sessions: unknown[] }>; speakers: unknown[] };
    const sessions = agenda.days.reduce((sum, d) => sum + d.sessions.length, 0);
    console.log(
      `Seeded ${agenda.days.length} days, ${sessions} sessions, ${agenda.speakers.length} speakers; agenda body ${plainBody.length} bytes. ` +
        `Load: ${CONNECTIONS} connections, ${SECONDS} s each, ${ROUNDS} rounds.`,
    );

    const identity = await compare('identity', appUrl, {}, (server) => (ceiling = server));
    await new Promise((resolve) => ceiling!.close(resolve));
    const br = await compare('br', appUrl, { 'accept-encoding': 'br' }, (server) => (ceiling = server));
    console.log(
      `bytes per response: ${identity.bytes} uncompressed, ${br.bytes} with br (${(identity.bytes / br.bytes).toFixed(1)}× smaller; target ≥ 5×)`,
    );
    console.log(`ratio app/ceiling: ${identity.ratio.toFixed(2)} (target ≥ 0.7)`);
    console.log(`ratio app/ceiling with Accept-Encoding br: ${br.ratio.toFixed(2)} (target ≥ 0.9)`);
  } finally {
    if (ceiling) await new Promise((resolve) => ceiling!.close(resolve));
    await app?.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
