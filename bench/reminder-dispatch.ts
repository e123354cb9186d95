/**
 * Reminder dispatch: 10,000 due reminders delivered through the real pipeline — outbox
 * rows claimed by the dispatcher, Bull jobs, the reminder composer (HTML, text, .ics),
 * nodemailer's pooled SMTP transport — by one worker process (`node dist/worker.js`) to
 * a local capture SMTP server in this process. Prints messages/s and the worker's peak
 * memory (VmHWM). Then the ceiling in the same run: nodemailer's pooled transport
 * sending 10,000 comparable messages (same size, same attachment, same pool) straight to
 * the same server. The last line is the ratio pipeline / ceiling (target ≥ 0.6).
 *
 *   npm run bench:reminders          (builds first; then node bench/reminder-dispatch.ts)
 *   REMINDERS=10000 npm run bench:reminders
 *   WORKERS=2 npm run bench:reminders   (several worker processes on one queue: how it scales)
 *   WORKER_NODE_FLAGS="--perf-basic-prof" npm run bench:reminders   (Node flags for the workers,
 *       e.g. --trace-gc, or --perf-basic-prof to name JavaScript frames in `perf record -a`)
 *   PROFILE=1 npm run bench:reminders   (a V8 CPU profile of each worker in /tmp/prof)
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';

type LoadHelpers = typeof import('./lib/load.js');
const { benchDatabase, ROOT, services } = (await import(new URL('./lib/load.ts', import.meta.url).href)) as LoadHelpers;

const REMINDERS = Number(process.env.REMINDERS ?? 10_000);
/** SMTP connections, the same for the worker (SMTP_POOL_SIZE, the app's default) and the ceiling. */
const SMTP_CONNECTIONS = Number(process.env.SMTP_POOL_SIZE ?? 16);
/** Worker processes sharing the queue; the target is about one (the default). */
const WORKERS = Number(process.env.WORKERS ?? 1);
const WORKER_NODE_FLAGS = [
  ...(process.env.PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
  ...(process.env.WORKER_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
];

/** Counts messages and keeps the size of one, for the comparable direct send. */
class SmtpSink {
  received = 0;
  sample = '';
  private server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 500,
    onData: (stream, _session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (!this.sample) this.sample = Buffer.concat(chunks).toString('utf8');
        this.received += 1;
        callback();
      });
    },
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  async until(count: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.received < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.received} of ${count} messages arrived`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** An event with REMINDERS confirmed delegates, one rule, and its outbox rows due now. */
async function seed(databaseUrl: string): Promise<void> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const [event] = (
    await db.query<{ id: string }>(
      `INSERT INTO events (slug, title, venue, timezone, starts_at, ends_at, capacity, status, published_at)
       VALUES ('bench-meeting', 'Bench Annual Meeting', 'Town Hall', 'Europe/London',
               now() + interval '1 day' + interval '2 seconds', now() + interval '3 days', $1, 'published', now())
       RETURNING id`,
      [REMINDERS],
    )
  ).rows;
  await db.query(
    `INSERT INTO registrations (event_id, name, email, email_canonical, organisation, consented_at, status, token_hash)
     SELECT $1, 'Delegate ' || i, 'delegate' || i || '@example.org', 'delegate' || i || '@example.org',
            'Agency ' || (i % 100), now(), 'confirmed', md5(i::text)
       FROM generate_series(1, $2) AS i`,
    [event.id, REMINDERS],
  );
  const [rule] = (
    await db.query<{ id: string }>(
      `INSERT INTO reminder_rules (event_id, anchor, "offset", offset_seconds, position) VALUES ($1, 'event-start', 'P1D', 86400, 0) RETURNING id`,
      [event.id],
    )
  ).rows;
  // The rows the rule expands into (as RemindersRepository.sync writes them), due now.
  await db.query(
    `INSERT INTO notifications (kind, recipient, data, send_at, dedupe_key, event_id, registration_id)
     SELECT 'reminder', r.email, jsonb_build_object('ruleId', $2::uuid, 'sessionId', NULL), now(),
            'reminder:' || $2 || ':' || r.id || ':event', $1, r.id
       FROM registrations r WHERE r.event_id = $1`,
    [event.id, rule.id],
  );
  await db.end();
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
}

function peakMemoryMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kib / 1024;
}

async function pipeline(databaseUrl: string, redisUrl: string, sink: SmtpSink, smtpUrl: string) {
  await seed(databaseUrl);
  const workers = Array.from({ length: WORKERS }, () =>
    spawn(process.execPath, [...WORKER_NODE_FLAGS, 'dist/worker.js'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        SMTP_URL: smtpUrl,
        SMTP_POOL_SIZE: String(SMTP_CONNECTIONS),
        QUEUE_PREFIX: `bench${process.pid}`,
        PROCESS_ROLE: 'worker',
        LOG_LEVEL: 'warn',
        OUTBOX_POLL_MS: '100',
        REMINDER_SYNC_MS: '600000',
        ...(process.env.DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE } : {}),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    }),
  );
  // The highest peak of any one worker.
  let peak = 0;
  const samplePeaks = () => {
    for (const worker of workers) {
      try {
        peak = Math.max(peak, peakMemoryMiB(worker.pid!));
      } catch {
        // The process has not started or has ended.
      }
    }
  };
  const sampler = setInterval(samplePeaks, 200);
  await sink.until(1, 60_000);
  const started = performance.now();
  const workersCpu = () => workers.reduce((sum, worker) => sum + cpuSeconds(worker.pid!), 0);
  const cpuBefore = workersCpu();
  await sink.until(REMINDERS, 600_000);
  const cpuPerMessageMs = ((workersCpu() - cpuBefore) * 1000) / (REMINDERS - 1);
  const seconds = (performance.now() - started) / 1000;
  samplePeaks();
  clearInterval(sampler);
  await Promise.all(
    workers.map((worker) => {
      worker.kill('SIGTERM');
      return new Promise((resolve) => worker.once('exit', resolve));
    }),
  );
  return { perSecond: (REMINDERS - 1) / seconds, seconds, peak, cpuPerMessageMs, delivered: sink.received };
}

async function ceiling(sink: SmtpSink, smtpUrl: string) {
  // The same pool settings as the app's MailTransport; a message of the same size, with an .ics.
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: SMTP_CONNECTIONS,
    maxMessages: 500,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  const body = sink.sample
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('\n\n');
  const before = sink.received;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let next = 0;
  // Two messages per connection in flight, so a connection never waits for the next one.
  const inFlight = SMTP_CONNECTIONS * 2;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < REMINDERS) {
        const i = next++;
        await transport.sendMail({
          from: 'Plenary <no-reply@plenary.local>',
          to: `delegate${i}@example.org`,
          subject: 'Reminder: Bench Annual Meeting starts in 1 day',
          text: body.slice(0, body.length / 2),
          html: body.slice(body.length / 2),
          attachments: [
            {
              filename: 'event.ics',
              contentType: 'text/calendar',
              content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'.repeat(20),
            },
          ],
        });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  transport.close();
  if (sink.received - before !== REMINDERS) throw new Error('the direct send lost messages');
  return { perSecond: REMINDERS / seconds, seconds, cpuPerMessageMs: (cpu.user + cpu.system) / 1000 / REMINDERS };
}

const { databaseUrl: serverUrl, redisUrl } = services();
const database = await benchDatabase(serverUrl, 'reminders');
const sink = new SmtpSink();
const smtpUrl = await sink.start();
try {
  const viaPipeline = await pipeline(database.url, redisUrl, sink, smtpUrl);
  const direct = await ceiling(sink, smtpUrl);
  console.log(`reminders                      ${REMINDERS}, ${WORKERS} worker process${WORKERS === 1 ? '' : 'es'}`);
  console.log(
    `pipeline (outbox → Bull → SMTP) ${viaPipeline.perSecond.toFixed(0).padStart(6)} msg/s   ${viaPipeline.seconds.toFixed(1)} s   worker peak RSS ${viaPipeline.peak.toFixed(0)} MiB   worker CPU ${viaPipeline.cpuPerMessageMs.toFixed(2)} ms/msg`,
  );
  console.log(
    `  delivered ${viaPipeline.delivered} messages: ${viaPipeline.delivered === REMINDERS ? 'each once, OK' : `${viaPipeline.delivered - REMINDERS} more than due`}`,
  );
  console.log(
    `nodemailer pool direct         ${direct.perSecond.toFixed(0).padStart(6)} msg/s   ${direct.seconds.toFixed(1)} s   CPU (client and capture server) ${direct.cpuPerMessageMs.toFixed(2)} ms/msg`,
  );
  console.log(`ratio pipeline/ceiling ${(viaPipeline.perSecond / direct.perSecond).toFixed(2)} (target ≥ 0.6)`);
} finally {
  await sink.close();
  await database.drop();
}
