import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { NotificationKind } from '../../src/outbox/notification-kind.js';
import { OutboxRepository } from '../../src/outbox/outbox.repository.js';
import { OutboxService, type OutboxEntry } from '../../src/outbox/outbox.service.js';
import { ENTITIES } from '../../src/app/entities.js';
import { dataSourceOptions } from '../../src/platform/database/data-source-options.js';
import { createTestDatabase } from '../setup/test-app.js';

/**
 * The outbox's state machine (pending -> queued -> sending -> sent | pending again | failed,
 * cancelled from pending or queued) at the repository level, on real PostgreSQL, without HTTP,
 * queues or SMTP: each transition is one statement that only moves rows still in its from-state.
 */
describe('outbox state machine (medium)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DataSource;
  let secondWorkerDb: DataSource;
  let outbox: OutboxService;
  let repository: OutboxRepository;
  let secondWorker: OutboxRepository;
  const now = new Date('2027-03-01T09:00:00Z');
  const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

  beforeAll(async () => {
    database = await createTestDatabase();
    const connect = async () => {
      const source = new DataSource({
        ...dataSourceOptions({ databaseUrl: database.url }, ENTITIES),
        extra: { max: 8 },
      });
      return source.initialize();
    };
    db = await connect();
    secondWorkerDb = await connect();
    repository = new OutboxRepository(db);
    outbox = new OutboxService(repository);
    secondWorker = new OutboxRepository(secondWorkerDb);
  });

  afterAll(async () => {
    await db?.destroy();
    await secondWorkerDb?.destroy();
    await database?.drop();
  });

  const entry = (overrides: Partial<OutboxEntry> = {}): OutboxEntry => ({
    kind: NotificationKind.Message,
    recipient: 'jo@example.org',
    sendAt: now,
    dedupeKey: `medium:${randomUUID()}`,
    ...overrides,
  });

  async function enqueue(overrides: Partial<OutboxEntry> = {}): Promise<string> {
    const written = entry(overrides);
    await db.transaction((manager) => outbox.enqueue(manager, written));
    const [row] = await db.query<Array<{ id: string }>>('SELECT id FROM notifications WHERE dedupe_key = $1', [
      written.dedupeKey,
    ]);
    return row.id;
  }

  const statusOf = async (id: string) =>
    (
      await db.query<Array<{ status: string; attempts: number; last_error: string | null }>>(
        'SELECT status, attempts, last_error FROM notifications WHERE id = $1',
        [id],
      )
    )[0];

  async function queued(overrides: Partial<OutboxEntry> = {}): Promise<string> {
    const id = await enqueue(overrides);
    await db.query(`UPDATE notifications SET status = 'queued', queued_at = $2 WHERE id = $1`, [id, now]);
    return id;
  }

  it('writes an email once per dedupe key', async () => {
    const written = entry();
    const counts = await db.transaction(async (manager) => [
      await outbox.enqueue(manager, written),
      await outbox.enqueue(manager, { ...written, recipient: 'someone-else@example.org' }),
    ]);
    expect(counts).toEqual([1, 0]);
    const rows = await db.query('SELECT recipient, status FROM notifications WHERE dedupe_key = $1', [
      written.dedupeKey,
    ]);
    expect(rows).toEqual([{ recipient: 'jo@example.org', status: 'pending' }]);
  });

  it('hands only due pending rows to the queue, each to one worker', async () => {
    const due = await Promise.all([1, 2, 3, 4, 5, 6].map(() => enqueue({ sendAt: later(-5) })));
    const notYet = await enqueue({ sendAt: later(30) });
    const [mine, theirs] = await Promise.all([repository.claimDue(now, 100), secondWorker.claimDue(now, 100)]);
    const claimed = [...mine, ...theirs].filter((id) => [...due, notYet].includes(id));
    expect(claimed.sort()).toEqual([...due].sort());
    expect(new Set(claimed).size).toBe(claimed.length);
    expect((await statusOf(notYet)).status).toBe('pending');
    expect(await repository.claimDue(now, 100)).toEqual([]);
  });

  it('lets exactly one of many simultaneous send jobs claim a row, across workers', async () => {
    const id = await queued();
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? repository : secondWorker).claimForSending(id)),
    );
    expect(claims.filter((claim) => claim !== undefined)).toHaveLength(1);
    expect(await statusOf(id)).toMatchObject({ status: 'sending', attempts: 1 });
  });

  it('control: a claim that reads the status and then writes it lets several jobs send one row', async () => {
    const id = await queued();
    // The guard removed: test the status in one statement, move the row in the next.
    const naiveClaim = async (source: DataSource) => {
      const [row] = await source.query<Array<{ status: string }>>(
        'SELECT status, pg_sleep(0.05) FROM notifications WHERE id = $1',
        [id],
      );
      if (row.status !== 'queued') return undefined;
      await source.query(`UPDATE notifications SET status = 'sending', attempts = attempts + 1 WHERE id = $1`, [id]);
      return id;
    };
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) => naiveClaim(i % 2 === 0 ? db : secondWorkerDb)),
    );
    expect(claims.filter((claim) => claim !== undefined).length).toBeGreaterThan(1);
  });

  it('marks a sent row once; it can never be claimed again', async () => {
    const id = await queued();
    await expect(repository.claimForSending(id)).resolves.toMatchObject({ id, status: 'sending' });
    await repository.markSent(id, later(1));
    expect((await statusOf(id)).status).toBe('sent');
    await expect(repository.claimForSending(id)).resolves.toBeUndefined();
    await repository.markFailed(id, 'too late');
    await repository.markRetry(id, 'too late', later(5));
    expect(await statusOf(id)).toMatchObject({ status: 'sent', last_error: null });
  });

  it('sends a retried row again only when its retry time comes, keeping the error', async () => {
    const id = await queued();
    await repository.claimForSending(id);
    await repository.markRetry(id, '421 try again later', later(10));
    expect(await statusOf(id)).toMatchObject({ status: 'pending', attempts: 1, last_error: '421 try again later' });
    expect(await repository.claimDue(later(5), 100)).not.toContain(id);
    expect(await repository.claimDue(later(11), 100)).toContain(id);
    await expect(repository.claimForSending(id)).resolves.toMatchObject({ attempts: 2 });
  });

  it('ends a row as failed or cancelled only from sending', async () => {
    const failing = await queued();
    await repository.markFailed(failing, 'not yet sending');
    expect((await statusOf(failing)).status).toBe('queued');
    await repository.claimForSending(failing);
    await repository.markFailed(failing, '550 mailbox unavailable');
    expect(await statusOf(failing)).toMatchObject({ status: 'failed', last_error: '550 mailbox unavailable' });

    const cancelled = await queued();
    await repository.claimForSending(cancelled);
    await repository.markCancelled(cancelled, 'the registration was cancelled');
    expect((await statusOf(cancelled)).status).toBe('cancelled');
    await expect(repository.claimForSending(cancelled)).resolves.toBeUndefined();
  });

  it('requeues only rows still queued, and releases a send its worker abandoned', async () => {
    const lost = await queued();
    const sending = await queued();
    await repository.claimForSending(sending);
    expect(await repository.requeue([lost, sending])).toBe(1);
    expect((await statusOf(lost)).status).toBe('pending');
    expect((await statusOf(sending)).status).toBe('sending');

    await db.query(`UPDATE notifications SET queued_at = $2 WHERE id = $1`, [sending, later(-60)]);
    expect(await repository.releaseStaleSending(later(-30))).toBeGreaterThanOrEqual(1);
    expect(await statusOf(sending)).toMatchObject({
      status: 'pending',
      last_error: 'The worker stopped while sending; tried again.',
    });
  });
});
