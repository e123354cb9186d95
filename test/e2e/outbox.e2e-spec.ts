import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { NotificationKind } from '../../src/outbox/notification-kind.js';
import { CLAIM_FOR_SENDING_SQL } from '../../src/outbox/outbox.repository.js';
import { OutboxService } from '../../src/outbox/outbox.service.js';
import { QueueName } from '../../src/platform/queue/queues.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

async function writeMessages(t: TestApp, recipients: string[], tag: string): Promise<void> {
  const outbox = t.app.get(OutboxService);
  await t.app.get(DataSource).transaction(async (manager) => {
    await outbox.enqueue(
      manager,
      ...recipients.map((recipient) => ({
        kind: NotificationKind.Message,
        recipient,
        data: { subject: `Hello ${tag}`, name: 'Delegate', paragraphs: ['A test message.'] },
        sendAt: new Date(),
        dedupeKey: `test:${tag}:${recipient}`,
      })),
    );
  });
}

async function statuses(t: TestApp, tag: string): Promise<Record<string, number>> {
  const rows = await t.db.query<Array<{ status: string; n: number }>>(
    `SELECT status, count(*)::int AS n FROM notifications WHERE dedupe_key LIKE $1 GROUP BY status`,
    [`test:${tag}:%`],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('mail outbox', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ outboxMaxAttempts: 3 });
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => {
    t.mail.fault = () => ({ kind: 'accept' });
  });

  it('delivers one email over real SMTP and marks it sent; writing it twice is a no-op', async () => {
    await writeMessages(t, ['one@example.org'], 'single');
    await writeMessages(t, ['one@example.org'], 'single');
    await until(async () => (await statuses(t, 'single')).sent === 1);
    const mails = t.mail.to('one@example.org');
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Hello single');
    expect(mails[0].text).toContain('A test message.');
    expect(mails[0].html).toContain('<p>A test message.</p>');
  });

  it('retries a 4xx answer with backoff and ends sent', async () => {
    let refused = 0;
    t.mail.fault = () =>
      refused++ < 1 ? { kind: 'reject', code: 421, message: 'Try again later' } : { kind: 'accept' };
    await writeMessages(t, ['retry@example.org'], 'retry');
    await until(async () => (await statuses(t, 'retry')).sent === 1);
    const [row] = await t.db.query(
      `SELECT attempts, last_error FROM notifications WHERE dedupe_key = 'test:retry:retry@example.org'`,
    );
    expect(row.attempts).toBe(2);
    expect(t.mail.to('retry@example.org')).toHaveLength(1);
  });

  it('ends a 5xx answer as failed with the error kept', async () => {
    t.mail.fault = () => ({ kind: 'reject', code: 550, message: 'No such mailbox' });
    await writeMessages(t, ['gone@example.org'], 'permanent');
    await until(async () => (await statuses(t, 'permanent')).failed === 1);
    const [row] = await t.db.query(
      `SELECT attempts, last_error FROM notifications WHERE dedupe_key = 'test:permanent:gone@example.org'`,
    );
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/550/);
  });

  it('strips CR/LF from a subject so no header can be injected', async () => {
    const outbox = t.app.get(OutboxService);
    await t.db.transaction((manager) =>
      outbox.enqueue(manager, {
        kind: NotificationKind.Message,
        recipient: 'inject@example.org',
        data: { subject: 'Hi\r\nBcc: victim@example.org', name: 'X', paragraphs: [] },
        sendAt: new Date(),
        dedupeKey: 'test:inject:inject@example.org',
      }),
    );
    await until(async () => t.mail.to('inject@example.org').length === 1);
    const [mail] = t.mail.to('inject@example.org');
    expect(mail.headers.some((h) => h.key === 'bcc')).toBe(false);
    expect(mail.subject).toBe('Hi Bcc: victim@example.org');
    expect(t.mail.to('victim@example.org')).toHaveLength(0);
  });

  it('recovers jobs lost from Redis and sends each email exactly once', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Mail));
    await queue.pause(true);
    const recipients = Array.from({ length: 25 }, (_, i) => `lost-${i}@example.org`);
    await writeMessages(t, recipients, 'lost');
    await until(async () => (await statuses(t, 'lost')).queued === 25);
    expect(await queue.getJobCounts()).toMatchObject({ waiting: 25 });

    // Redis loses its data: this app's keys vanish (other test files share the server, so no FLUSHALL here).
    const keys = await t.redis.keys(`${t.config.queuePrefix}:*`);
    await t.redis.del(...keys);
    expect(await queue.getJobCounts()).toMatchObject({ waiting: 0 });
    await queue.resume(true);

    await until(async () => (await statuses(t, 'lost')).sent === 25, 30_000);
    for (const recipient of recipients) expect(t.mail.to(recipient)).toHaveLength(1);
  });

  it('finds the rows of a claim by primary key even when statistics say queued rows are rare', async () => {
    // The usual state of a long-running outbox: statistics taken while everything was sent,
    // then a large send is queued at once. Run in a transaction that is rolled back, so the
    // running worker never sees these rows.
    const runner = t.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(
        `INSERT INTO notifications (kind, recipient, send_at, dedupe_key, status, sent_at)
         SELECT 'message', 'stats' || i || '@example.org', now(), 'test:plan:' || i, 'sent', now()
           FROM generate_series(1, 4000) AS i`,
      );
      await runner.query('ANALYZE notifications');
      await runner.query(
        `UPDATE notifications SET status = 'queued', queued_at = now(), sent_at = NULL
          WHERE dedupe_key LIKE 'test:plan:%' AND substring(dedupe_key from 11)::int <= 3000`,
      );
      const asked = (await runner.query(
        `SELECT id FROM notifications WHERE dedupe_key LIKE 'test:plan:%' AND status = 'queued' LIMIT 5`,
      )) as Array<{ id: string }>;
      const [{ 'QUERY PLAN': plan }] = (await runner.query(`EXPLAIN (FORMAT JSON) ${CLAIM_FOR_SENDING_SQL}`, [
        asked.map((row) => row.id),
      ])) as Array<{ 'QUERY PLAN': unknown }>;
      const indexes = JSON.stringify(plan).match(/"Index Name":\s*"[^"]+"/g) ?? [];
      expect(indexes.length).toBeGreaterThan(0);
      expect(indexes.every((index) => index.includes('notifications_pkey'))).toBe(true);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
