/**
 * Canvas export and live wall, against the built API (`node dist/main.js`, PROCESS_ROLE=api)
 * in its own process and its own database:
 *
 *  1. 100,000 notes on one canvas. CSV export over HTTP, timed, while the API process's
 *     resident memory is sampled (growth over its idle baseline). Then the ceiling: the
 *     same rows through PostgreSQL's own `COPY (…) TO STDOUT WITH CSV`, read straight
 *     with pg. Prints both and the ratio HTTP / COPY (target ≤ 2; memory growth < 100 MB).
 *     XLSX the same way, REPEATS times with its memory (target ≤ 3× the CSV time, growth < 100 MB);
 *     JSON and Markdown exports are timed too, for the record.
 *  2. 200 clients on the canvas's event stream; one note posted at a time, then one note
 *     moved to another section at a time (the facilitator's moderation); the time until each
 *     client has it. Prints p50/p99 over every delivery and p99 of the slowest client.
 *  3. A wall of 2,000 notes (WALL_NOTES) in headless Chromium: the room's wall page, from
 *     navigation to the last note painted (the server renders the notes, then the page's script
 *     reads the canvas and lays them out again: the later of the two counts). The ceiling is
 *     the same final markup served as a static page without scripts, in the same browser.
 *     Median of WALL_RUNS (target < 1 s). Skipped with a note when no Chromium is found.
 *
 *   npm run bench:canvas          (builds first; Node 24 runs this file directly)
 *   NOTES=100000 CLIENTS=200 ROUNDS=30 WALL_NOTES=2000 npm run bench:canvas
 *
 * Only packages are imported (Node strips the types); the SQL comes from the build.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { chromium } from 'playwright-core';

// Node runs this file directly (type stripping), so the helpers are loaded by their .ts paths;
// the types come from the same files as TypeScript resolves them.
type AppProcess = typeof import('./lib/app-process.js');
type Stats = typeof import('./lib/stats.js');
const { sleep, startBenchApi, ROOT, runMain } = (await import(
  new URL('./lib/app-process.ts', import.meta.url).href
)) as AppProcess;
const { median, percentile } = (await import(new URL('./lib/stats.ts', import.meta.url).href)) as Stats;

const NOTES = Number(process.env.NOTES ?? 100_000);
const CLIENTS = Number(process.env.CLIENTS ?? 200);
const ROUNDS = Number(process.env.ROUNDS ?? 30);
const REPEATS = 3;
const WALL_NOTES = Number(process.env.WALL_NOTES ?? 2_000);
const WALL_RUNS = Number(process.env.WALL_RUNS ?? 5);
const MB = 1024 * 1024;

/** Resident memory of a process, from /proc (Linux). */
const rssOf = (pid: number): number => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
};

/** Samples a process's RSS every few ms while `work` runs; returns the work's result and the peak. */
async function withPeakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = rssOf(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssOf(pid));
  }, 5);
  try {
    const result = await work();
    peak = Math.max(peak, rssOf(pid));
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}

async function drain(body: ReadableStream<Uint8Array> | null): Promise<number> {
  let bytes = 0;
  if (!body) return 0;
  for await (const chunk of body) bytes += chunk.byteLength;
  return bytes;
}

async function seed(db: pg.Pool, canvasId: string, notes: number): Promise<void> {
  // Realistic post-its: 20–200 characters, some authors and groups, clusters and dots.
  const batch = 25_000;
  for (let from = 1; from <= notes; from += batch) {
    const to = Math.min(notes, from + batch - 1);
    await db.query(
      `INSERT INTO canvas_notes (canvas_id, section_key, text, author_name, group_name, cluster, hidden, participant_key, own_dots, dots, created_at)
       SELECT $1,
              (ARRAY['values','purpose','people','allies','power','narrative','actions','resources','measures'])[1 + n % 9],
              left('Note ' || n || ': ' || repeat('we build power together, with care; ', 1 + n % 6), 20 + ((n::bigint * 7919) % 180)::int),
              CASE WHEN n % 3 = 0 THEN 'Delegate ' || (n % 500) END,
              CASE WHEN n % 4 = 0 THEN 'Table ' || (n % 30) END,
              CASE WHEN n % 5 = 0 THEN 'Cluster ' || (n % 12) END,
              n % 50 = 0,
              'c:bench' || (n % 2000),
              (n * 31) % 7, (n * 31) % 7,
              now() - make_interval(secs => $2 - n)
         FROM generate_series($3::int, $4::int) AS n`,
      [canvasId, notes, from, to],
    );
  }
  await db.query('ANALYZE canvas_notes');
}

/** The ceiling: PostgreSQL formats the same rows itself and pg reads them, nothing else. */
async function copyCeiling(
  db: pg.Pool,
  copySql: (literal: string, includeHidden: boolean) => string,
  CopyToStream: new (sql: string) => Readable,
  canvasId: string,
): Promise<{ ms: number; bytes: number }> {
  const client = await db.connect();
  try {
    const started = performance.now();
    const stream = new CopyToStream(copySql(client.escapeLiteral(canvasId), false));
    client.query(stream as unknown as pg.Submittable);
    let bytes = 0;
    for await (const chunk of stream) bytes += (chunk as Buffer).length;
    return { ms: performance.now() - started, bytes };
  } finally {
    client.release();
  }
}

/** A bare-bones SSE reader: calls `onEvent(data)` for each `data:` line. */
function openStream(url: string, onEvent: (data: string) => void, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    fetch(url, { signal })
      .then(async (response) => {
        if (response.status !== 200 || !response.body) throw new Error(`stream answered ${response.status}`);
        const decoder = new TextDecoder();
        let buffer = '';
        let connected = false;
        try {
          for await (const chunk of response.body) {
            buffer += decoder.decode(chunk, { stream: true });
            if (!connected && buffer.includes(': connected')) {
              connected = true;
              resolve();
            }
            let at: number;
            while ((at = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, at);
              buffer = buffer.slice(at + 2);
              for (const line of block.split('\n')) if (line.startsWith('data: ')) onEvent(line.slice(6));
            }
          }
        } catch {
          // aborted at the end
        }
      })
      .catch(reject);
  });
}

/** The Chromium the browser tests use (scripts/browser.sh finds it), or undefined. */
function findChromium(): string | undefined {
  try {
    return (
      execFileSync('bash', ['scripts/browser.sh'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() ||
      undefined
    );
  } catch {
    return undefined;
  }
}

/**
 * Watches the wall's note lists from the first byte: each change to them asks for the next
 * frame and records when it came, so the last entry is when the last note was painted.
 */
const PAINT_WATCH = `(() => {
  window.__notesPaintedAt = 0;
  const painted = () => requestAnimationFrame(() => { window.__notesPaintedAt = performance.now(); });
  new MutationObserver((changes) => {
    if (changes.some((c) => c.target instanceof Element && c.target.closest('.wall'))) painted();
  }).observe(document, { childList: true, subtree: true });
})();`;

/** A wall of WALL_NOTES notes in headless Chromium, against the same markup as a static page. */
async function wallInChromium(base: string, auth: Record<string, string>, eventId: string, db: pg.Pool): Promise<void> {
  const executablePath = findChromium();
  if (!executablePath) {
    console.log('wall in Chromium: skipped (no Chromium; scripts/browser.sh installs it as root)');
    return;
  }
  const created = await fetch(`${base}/api/events/${eventId}/canvases`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'A full wall', dotsPerPerson: 5 }),
  });
  const canvas = (await created.json()) as { id: string; joinCode: string };
  await seed(db, canvas.id, WALL_NOTES);
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM canvas_notes WHERE canvas_id = $1 AND NOT hidden AND merged_into_id IS NULL`,
    [canvas.id],
  );
  const visible = rows[0].n;
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addInitScript(PAINT_WATCH);
    const wallUrl = `${base}/canvases/${canvas.joinCode}/wall`;
    const ceilingUrl = `${base}/bench-static-wall`;
    let staticWall = '';
    await context.route(ceilingUrl, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: staticWall }),
    );

    /** Navigation to the last note painted: waits until the notes are all there and the page is still. */
    const paintedIn = async (url: string): Promise<number> => {
      const page = await context.newPage();
      try {
        await page.goto(url, { waitUntil: 'load' });
        await page.waitForFunction(`document.querySelectorAll('.wall .note').length >= ${visible}`);
        // Still for half a second: the script's read of the canvas has answered and been laid out.
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(500);
        // Strings, not functions: they run in the page, and this file is type-checked without the DOM.
        const [painted, firstPaint] = await page.evaluate<[number, number]>(
          "[window.__notesPaintedAt, performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0]",
        );
        if (url === wallUrl && !staticWall) {
          staticWall = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
        }
        return Math.max(painted, firstPaint);
      } finally {
        await page.close();
      }
    };

    const app: number[] = [];
    const ceiling: number[] = [];
    await paintedIn(wallUrl); // warm-up (and the static copy of its markup)
    await paintedIn(ceilingUrl);
    for (let run = 0; run < WALL_RUNS; run++) {
      app.push(await paintedIn(wallUrl));
      ceiling.push(await paintedIn(ceilingUrl));
    }
    const appMs = median(app);
    const ceilingMs = median(ceiling);
    console.log(
      `wall of ${visible.toLocaleString('en')} notes in Chromium (median of ${WALL_RUNS}, navigation to the last note painted): ` +
        `${appMs.toFixed(0)} ms vs ${ceilingMs.toFixed(0)} ms for the same markup as a static page; ` +
        `ratio ${(appMs / ceilingMs).toFixed(2)} (target < 1,000 ms)`,
    );
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const repository = (await import(pathToFileURL(join(ROOT, 'dist/canvas/canvases.repository.js')).href)) as {
    exportCopySql: (literal: string, includeHidden: boolean) => string;
  };
  const { CopyToStream } = (await import(
    pathToFileURL(join(ROOT, 'dist/platform/database/copy-to-stream.js')).href
  )) as {
    CopyToStream: new (sql: string) => Readable;
  };
  const adminEmail = 'bench-admin@plenary.local';
  const adminPassword = randomBytes(12).toString('base64url');
  const api = await startBenchApi({
    name: 'canvas-export',
    label: 'canvas',
    poolSize: 4,
    env: {
      ADMIN_EMAIL: adminEmail,
      ADMIN_PASSWORD: adminPassword,
      // 200 stream clients and the posting loop share one address here.
      RATE_LIMIT_DISABLED: 'true',
    },
  });
  const { base, db } = api;
  const abort = new AbortController();
  try {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: adminEmail, password: adminPassword }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    const event = await db.query<{ id: string }>(
      `INSERT INTO events (slug, title, timezone, starts_at, ends_at, capacity, status, published_at)
       VALUES ($1, 'Canvas bench', 'Europe/London', now(), now() + interval '1 day', 500, 'published', now()) RETURNING id`,
      [`bench-${randomBytes(4).toString('hex')}`],
    );
    const created = await fetch(`${base}/api/events/${event.rows[0].id}/canvases`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Movement building, the big one', dotsPerPerson: 5 }),
    });
    const canvas = (await created.json()) as { id: string; joinCode: string };
    const seeding = performance.now();
    await seed(db, canvas.id, NOTES);
    console.log(
      `canvas export: ${NOTES.toLocaleString('en')} notes seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s ` +
        `(Node ${process.version}, PostgreSQL ${(await db.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version})`,
    );

    const exportOnce = async (format: string) => {
      const started = performance.now();
      const response = await fetch(`${base}/api/canvases/${canvas.id}/export?format=${format}`, { headers: auth });
      if (response.status !== 200) throw new Error(`export ${format} answered ${response.status}`);
      const bytes = await drain(response.body);
      return { ms: performance.now() - started, bytes };
    };

    // Warm both paths (JIT, pools, PostgreSQL's cache).
    await exportOnce('csv');
    await copyCeiling(db, repository.exportCopySql, CopyToStream, canvas.id);
    await sleep(500);

    const baseline = rssOf(api.pid);
    const httpRuns: number[] = [];
    let peak = baseline;
    let bytes = 0;
    for (let i = 0; i < REPEATS; i++) {
      const { result, peak: p } = await withPeakRss(api.pid, () => exportOnce('csv'));
      httpRuns.push(result.ms);
      peak = Math.max(peak, p);
      bytes = result.bytes;
    }
    const copyRuns: number[] = [];
    let copyBytes = 0;
    for (let i = 0; i < REPEATS; i++) {
      const run = await copyCeiling(db, repository.exportCopySql, CopyToStream, canvas.id);
      copyRuns.push(run.ms);
      copyBytes = run.bytes;
    }
    const http = median(httpRuns);
    const copy = median(copyRuns);
    console.log(
      `HTTP GET …/export?format=csv        ${http.toFixed(0)} ms median of ${REPEATS} (${(bytes / MB).toFixed(1)} MB, runs ${httpRuns.map((x) => x.toFixed(0)).join('/')} ms)`,
    );
    console.log(
      `ceiling: COPY (…) TO STDOUT via pg   ${copy.toFixed(0)} ms median of ${REPEATS} (${(copyBytes / MB).toFixed(1)} MB, runs ${copyRuns.map((x) => x.toFixed(0)).join('/')} ms)`,
    );
    console.log(
      `API memory: idle ${(baseline / MB).toFixed(0)} MB RSS, peak during CSV exports ${(peak / MB).toFixed(0)} MB, growth ${((peak - baseline) / MB).toFixed(1)} MB (target < 100 MB)`,
    );
    console.log(`ratio HTTP / COPY: ${(http / copy).toFixed(2)} (target ≤ 2)`);

    // XLSX: streamed from the same cursor through exceljs's streaming writer; targets ≤ 3× the CSV
    // time and memory growth < 100 MB, like the CSV.
    const xlsxRuns: number[] = [];
    const xlsxBaseline = rssOf(api.pid);
    let xlsxPeak = xlsxBaseline;
    let xlsxBytes = 0;
    for (let i = 0; i < REPEATS; i++) {
      const { result, peak: p } = await withPeakRss(api.pid, () => exportOnce('xlsx'));
      xlsxRuns.push(result.ms);
      xlsxPeak = Math.max(xlsxPeak, p);
      xlsxBytes = result.bytes;
    }
    const xlsx = median(xlsxRuns);
    console.log(
      `HTTP GET …/export?format=xlsx       ${xlsx.toFixed(0)} ms median of ${REPEATS} (${(xlsxBytes / MB).toFixed(1)} MB, runs ${xlsxRuns.map((x) => x.toFixed(0)).join('/')} ms)`,
    );
    console.log(
      `API memory: before XLSX ${(xlsxBaseline / MB).toFixed(0)} MB RSS, peak during XLSX exports ${(xlsxPeak / MB).toFixed(0)} MB, growth ${((xlsxPeak - xlsxBaseline) / MB).toFixed(1)} MB (target < 100 MB)`,
    );
    console.log(`ratio XLSX / CSV: ${(xlsx / http).toFixed(2)} (target ≤ 3)`);

    for (const format of ['json', 'md']) {
      const before = rssOf(api.pid);
      const { result, peak: p } = await withPeakRss(api.pid, () => exportOnce(format));
      console.log(
        `  ${format.padEnd(5)} export ${result.ms.toFixed(0).padStart(6)} ms, ${(result.bytes / MB).toFixed(1)} MB, API RSS growth ${((p - before) / MB).toFixed(1)} MB`,
      );
    }

    // --- live wall: one note, then one move, to 200 clients --------------------------------------
    /** Arrival times per key: a posted note's text, or `noteId>section` for a move. */
    const arrivals = new Map<string, number[]>();
    const arrived = (key: string, at: number) => (arrivals.get(key) ?? arrivals.set(key, []).get(key)!).push(at);
    const streamUrl = `${base}/api/canvases/${canvas.id}/stream?code=${canvas.joinCode}`;
    const connecting = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, () =>
        openStream(
          streamUrl,
          (data) => {
            const at = performance.now();
            const note = (JSON.parse(data) as { note?: { id?: string; text?: string; section?: string } }).note;
            if (note?.text) arrived(note.text, at);
            if (note?.id && note.section) arrived(`${note.id}>${note.section}`, at);
          },
          abort.signal,
        ),
      ),
    );
    console.log(`live wall: ${CLIENTS} stream clients connected in ${(performance.now() - connecting).toFixed(0)} ms`);
    /** Runs `act` ROUNDS (+3 warm-up) times; each must reach every client under its key. */
    const toEveryClient = async (what: string, act: (round: number) => Promise<string>) => {
      const deliveries: number[] = [];
      const slowest: number[] = [];
      for (let round = 0; round < ROUNDS + 3; round++) {
        const started = performance.now();
        const key = await act(round);
        const deadline = started + 10_000;
        while ((arrivals.get(key)?.length ?? 0) < CLIENTS && performance.now() < deadline) await sleep(1);
        const times = (arrivals.get(key) ?? []).map((at) => at - started);
        if (times.length < CLIENTS) throw new Error(`only ${times.length} of ${CLIENTS} clients got ${what} ${round}`);
        if (round >= 3) {
          deliveries.push(...times);
          slowest.push(Math.max(...times));
        }
        await sleep(50);
      }
      deliveries.sort((a, b) => a - b);
      slowest.sort((a, b) => a - b);
      console.log(
        `${what} to ${CLIENTS} clients (${ROUNDS} rounds, from the request to arrival): p50 ${percentile(deliveries, 50).toFixed(1)} ms, ` +
          `p99 ${percentile(deliveries, 99).toFixed(1)} ms; last client p50 ${percentile(slowest, 50).toFixed(1)} ms, p99 ${percentile(slowest, 99).toFixed(1)} ms`,
      );
    };
    const posted: string[] = [];
    await toEveryClient('one note', async (round) => {
      const text = `bench round ${round} ${randomBytes(4).toString('hex')}`;
      const response = await fetch(`${base}/api/canvases/join/${canvas.joinCode}/notes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ section: 'values', text }),
      });
      if (response.status !== 201) throw new Error(`posting answered ${response.status}`);
      posted.push(((await response.json()) as { id: string }).id);
      return text;
    });
    await toEveryClient('one move (moderation)', async (round) => {
      const noteId = posted[round % posted.length];
      const section = round % 2 === 0 ? 'purpose' : 'people';
      arrivals.delete(`${noteId}>${section}`);
      const response = await fetch(`${base}/api/canvases/${canvas.id}/notes/${noteId}`, {
        method: 'PATCH',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ section }),
      });
      if (response.status !== 200) throw new Error(`moving answered ${response.status}`);
      await response.arrayBuffer();
      return `${noteId}>${section}`;
    });
    abort.abort();

    await wallInChromium(base, auth, event.rows[0].id, db);
  } finally {
    abort.abort();
    await api.close();
  }
}

runMain(main);
