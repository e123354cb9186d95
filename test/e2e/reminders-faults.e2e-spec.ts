import { Redis } from 'ioredis';
import { SEND_CONCURRENCY } from '../../src/platform/queue/queues.js';
import { insertEvent, insertMember, insertRegistration, type InsertedDelegate } from '../factories/db-fixtures.js';
import { newStaff } from '../factories/staff.factory.js';
import { RedisProcess, WorkerProcess } from '../processes/worker-process.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const DAY = 86_400_000;
const DELEGATES = 500;

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Delivery under faults, with real processes: the worker is SIGKILLed and restarted,
 * Redis loses everything, and the SMTP server refuses and drops connections.
 */
describe('reminder delivery under faults', () => {
  let t: TestApp;
  let redis: RedisProcess;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    redis = new RedisProcess();
    await redis.start();
    // The API runs here; the worker runs in its own process.
    t = await createTestApp({ processRole: 'api', redisUrl: redis.url });
  });
  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await t.close();
    await redis.stop();
  });

  it('delivers every due reminder, repeats only what a dropped connection left unconfirmed, and never one for a cancelled delegate', async () => {
    const organiser = await newStaff(t);
    const event = await insertEvent(t.db, {
      startsAt: new Date(Date.now() + DAY + 12_000),
      endsAt: new Date(Date.now() + 2 * DAY),
    });
    await insertMember(t.db, event.id, organiser.id, 'organiser');
    const delegates: InsertedDelegate[] = [];
    for (let i = 0; i < DELEGATES; i++)
      delegates.push(await insertRegistration(t.db, event.id, { name: `Delegate ${i}` }));
    await t.http
      .put(`/api/events/${event.id}/reminder-rules`)
      .set(organiser.auth)
      .send([{ before: 'P1D' }])
      .expect(200);
    const [{ n: scheduled }] = await t.db.query(
      `SELECT count(*)::int AS n FROM notifications WHERE event_id = $1 AND kind = 'reminder'`,
      [event.id],
    );
    expect(scheduled).toBe(DELEGATES);

    // Ten delegates cancel before their reminder is due.
    const cancelled = delegates.slice(0, 10);
    for (const delegate of cancelled) await t.http.delete('/api/registrations/me').set(delegate.auth).expect(204);

    // Every tenth message gets 421; every fifth connection is cut after the message was stored.
    t.mail.fault = (n) =>
      n % 10 === 0
        ? { kind: 'reject', code: 421, message: 'Service not available, try later' }
        : n % 5 === 0
          ? { kind: 'drop-after-accept' }
          : { kind: 'accept' };

    const workerConfig = {
      databaseUrl: t.config.databaseUrl,
      redisUrl: redis.url,
      smtpUrl: t.mail.url,
      queuePrefix: t.config.queuePrefix,
      processRole: 'worker' as const,
      logLevel: 'warn',
      outboxPollMs: 100,
      outboxBackoffMs: 200,
      outboxStaleMs: 3_000,
      outboxMaxAttempts: 8,
      reminderSyncMs: 60_000,
    };
    const startWorker = () => {
      const worker = new WorkerProcess(workerConfig);
      worker.start();
      workers.push(worker);
      return worker;
    };
    const first = startWorker();

    // (a) SIGKILL the worker in the middle of delivery, then start another.
    await until('the first 100 messages', () => t.mail.messages.length >= 100, 60_000);
    await first.kill();
    startWorker();
    // (b) Redis loses all its data while delivery goes on.
    await until('250 messages', () => t.mail.messages.length >= 250, 60_000);
    const client = new Redis(redis.url);
    await client.flushall();
    await client.quit();

    const finalStates = async () =>
      t.db.query<Array<{ status: string; n: number }>>(
        `SELECT status, count(*)::int AS n FROM notifications WHERE event_id = $1 AND kind = 'reminder' GROUP BY status`,
        [event.id],
      );
    await until(
      'every reminder to reach a final state',
      async () =>
        (await finalStates())
          .filter((r) => ['sent', 'cancelled', 'failed'].includes(r.status))
          .reduce((a, r) => a + r.n, 0) === DELEGATES,
      120_000,
    ).catch((error: Error) => {
      throw new Error(
        `${error.message}\n${JSON.stringify(finalStates)}\nworker output:\n${workers.map((w) => w.output).join('\n---\n')}`,
      );
    });

    const counts = Object.fromEntries((await finalStates()).map((r) => [r.status, r.n]));
    expect(counts).toEqual({ sent: DELEGATES - cancelled.length, cancelled: cancelled.length });

    // Delegates who cancelled also got a cancellation email; only reminders count here.
    const reminders = t.mail.messages.filter((m) => m.subject.startsWith('Reminder:'));
    const received = new Map<string, number>();
    for (const message of reminders) for (const to of message.to) received.set(to, (received.get(to) ?? 0) + 1);
    // Every due reminder arrived.
    for (const delegate of delegates.slice(10))
      expect(received.get(delegate.registration.email) ?? 0).toBeGreaterThanOrEqual(1);
    // None for a cancelled delegate.
    for (const delegate of cancelled) expect(received.get(delegate.registration.email)).toBeUndefined();
    // Repeats only where the client could not know the message had been accepted: a
    // connection cut after the server stored it, or the worker killed before it marked the row.
    const duplicates = [...received.values()].reduce((sum, count) => sum + (count - 1), 0);
    expect(duplicates).toBeLessThanOrEqual(t.mail.droppedAfterAccept + SEND_CONCURRENCY);

    // The refusals are visible with their errors on the rows that were retried.
    const retried = await t.db.query<Array<{ attempts: number; last_error: string }>>(
      `SELECT attempts, last_error FROM notifications WHERE event_id = $1 AND kind = 'reminder' AND last_error LIKE 'SMTP 421%'`,
      [event.id],
    );
    expect(retried.length).toBeGreaterThan(0);
    expect(retried.every((row) => row.attempts >= 2)).toBe(true);
    console.log(
      `faults: ${reminders.length} reminder messages captured for ${DELEGATES - cancelled.length} due reminders; ` +
        `${duplicates} repeats, ${t.mail.droppedAfterAccept} connections cut after acceptance, ${retried.length} rows retried after 421`,
    );
  }, 300_000);
});
