import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CallBatcher } from '../platform/batching/call-batcher.js';
import { SEND_BATCHING } from '../platform/queue/queues.js';
import { NOTIFICATION_STATUSES, Notification, type NotificationStatus } from './notification.entity.js';
import type { NotificationKind } from './notification-kind.js';
import type { OutboxEntry } from './outbox-entry.js';

interface ClaimedRow {
  id: string;
  kind: string;
  recipient: string;
  data: Record<string, unknown>;
  send_at: Date;
  status: Notification['status'];
  attempts: number;
  last_error: string | null;
  dedupe_key: string;
  event_id: string | null;
  registration_id: string | null;
}

const toNotification = (row: ClaimedRow): Notification =>
  Object.assign(new Notification(), {
    id: row.id,
    kind: row.kind,
    recipient: row.recipient,
    data: row.data,
    sendAt: row.send_at,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    dedupeKey: row.dedupe_key,
    eventId: row.event_id,
    registrationId: row.registration_id,
  });

/**
 * One statement that moves the rows named in `rows` which are still in status `from`. The
 * rows are found by primary key and locked (in id order, so two batches cannot deadlock)
 * before their status is tested: tested in the UPDATE's own WHERE, `status = 'queued'` (or
 * 'sending') lets the planner reach for the partial indexes on in-flight and pending rows
 * instead of the primary key, and when its statistics say such rows are rare (they usually
 * are) each statement of a 10,000-reminder send scanned every queued row: 3–6 ms instead
 * of 0.2 ms (EXPLAIN ANALYZE, with and without statistics).
 */
function statusChangeSql(change: {
  /** A row set with an `id` column (and any values `set` uses), aliased `asked`. */
  rows: string;
  from: Notification['status'];
  /** Assignments to the row (alias `n`); may use `asked.*` and the parameters. */
  set: string;
  returning?: string;
}): string {
  return `WITH asked AS MATERIALIZED (
            SELECT asked.*, n.status AS current_status
              FROM ${change.rows} JOIN notifications n ON n.id = asked.id
             ORDER BY n.id
               FOR UPDATE OF n)
          UPDATE notifications n SET ${change.set}, updated_at = now()
            FROM asked
           WHERE n.id = asked.id AND asked.current_status = '${change.from}'
          RETURNING ${change.returning ?? 'n.id'}`;
}

/** The rows whose ids are $1. */
const BY_IDS = 'unnest($1::uuid[]) AS asked(id)';

/** The send job's claim (queued → sending) of the rows whose ids are $1. */
export const CLAIM_FOR_SENDING_SQL = statusChangeSql({
  rows: BY_IDS,
  from: 'queued',
  set: `status = 'sending', attempts = n.attempts + 1, queued_at = now()`,
  returning: `n.id, n.kind, n.recipient, n.data, n.send_at, n.status, n.attempts, n.last_error, n.dedupe_key,
              n.event_id, n.registration_id`,
});

/** $1 ids, $2 the times they were accepted. */
const MARK_SENT_SQL = statusChangeSql({
  rows: 'unnest($1::uuid[], $2::timestamptz[]) AS asked(id, sent_at)',
  from: 'sending',
  set: `status = 'sent', sent_at = asked.sent_at`,
});

/** $1 ids, $2 the error, $3 when to try again. */
const MARK_RETRY_SQL = statusChangeSql({
  rows: BY_IDS,
  from: 'sending',
  set: `status = 'pending', send_at = $3, last_error = $2, queued_at = NULL`,
});

/** $1 ids, $2 the final status (failed or cancelled), $3 why. */
const END_SENDING_SQL = statusChangeSql({ rows: BY_IDS, from: 'sending', set: `status = $2, last_error = $3` });

/** $1 ids. */
const REQUEUE_SQL = statusChangeSql({ rows: BY_IDS, from: 'queued', set: `status = 'pending', queued_at = NULL` });

/** An email the outbox holds for a delegate, as their organisers see it. */
export interface RegistrationMail {
  id: string;
  kind: string;
  status: string;
  sendAt: Date;
  sentAt: Date | null;
  lastError: string | null;
}

/** What OutboxRepository.reconcile brings an event's scheduled emails of one kind in line with. */
export interface ScheduledMailPlan {
  eventId: string;
  /** Only this delegate's rows, or null for the whole event. */
  registrationId: string | null;
  now: Date;
  kind: NotificationKind;
  /** The SELECT of the wanted rows (see reconcile). */
  desired: string;
  /** The reason kept on a row cancelled because it no longer applies. */
  noLongerWanted: string;
  /** The reason kept on a row cancelled because its new time had passed. */
  tooLate: string;
}

export interface PendingToPostpone {
  eventId: string;
  kind: NotificationKind;
  sendAt: Date;
  maxDelayMs: number;
  dedupePrefix?: string;
}

/** Every statement on the outbox table; the delivery side's are one statement each, safe with many workers. */
@Injectable()
export class OutboxRepository {
  private readonly claims = new CallBatcher((ids: string[]) => this.claimBatch(ids), SEND_BATCHING);
  private readonly sentMarks = new CallBatcher(
    (marks: Array<{ id: string; sentAt: Date }>) => this.markSentBatch(marks),
    SEND_BATCHING,
  );

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Moves due pending rows to queued and returns their ids; SKIP LOCKED lets workers share the work. */
  async claimDue(now: Date, limit: number): Promise<string[]> {
    const rows = await this.db.query<[Array<{ id: string }>, number]>(
      `UPDATE notifications SET status = 'queued', queued_at = $1, updated_at = now()
        WHERE id IN (
          SELECT id FROM notifications
           WHERE status = 'pending' AND send_at <= $1
           ORDER BY send_at
           LIMIT $2
           FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [now, limit],
    );
    return rows[0].map((row) => row.id);
  }

  /**
   * The send job's claim: only one job can move a row from queued to sending. Claims made
   * while others are being written share a statement (see SEND_BATCHING).
   */
  claimForSending(id: string): Promise<Notification | undefined> {
    return this.claims.call(id);
  }

  private async claimBatch(ids: string[]): Promise<Array<Notification | undefined>> {
    const rows = await this.move<ClaimedRow>(CLAIM_FOR_SENDING_SQL, [ids]);
    const claimed = new Map(rows.map((row) => [row.id, toNotification(row)]));
    // Should one row be asked for twice in a batch, only the first asker gets it.
    return ids.map((id) => {
      const notification = claimed.get(id);
      claimed.delete(id);
      return notification;
    });
  }

  /**
   * The last error of earlier attempts is kept, so organisers can see what was retried.
   * Resolves once the row is marked; marks made meanwhile share a statement.
   */
  markSent(id: string, now: Date): Promise<void> {
    return this.sentMarks.call({ id, sentAt: now });
  }

  private async markSentBatch(marks: Array<{ id: string; sentAt: Date }>): Promise<void[]> {
    await this.move(MARK_SENT_SQL, [marks.map((mark) => mark.id), marks.map((mark) => mark.sentAt)]);
    return marks.map(() => undefined);
  }

  async markRetry(id: string, error: string, retryAt: Date): Promise<void> {
    await this.move(MARK_RETRY_SQL, [[id], error, retryAt]);
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.endSending(id, 'failed', error);
  }

  async markCancelled(id: string, reason: string): Promise<void> {
    await this.endSending(id, 'cancelled', reason);
  }

  private async endSending(id: string, status: 'failed' | 'cancelled', reason: string): Promise<void> {
    await this.move(END_SENDING_SQL, [[id], status, reason]);
  }

  private async move<Row = { id: string }>(statusChange: string, params: unknown[]): Promise<Row[]> {
    const [rows] = await this.db.query<[Row[], number]>(statusChange, params);
    return rows;
  }

  /** Rows handed to the queue before this moment, still waiting: candidates for a lost job. */
  async queuedBefore(cutoff: Date, limit: number): Promise<string[]> {
    const rows = await this.db.query<Array<{ id: string }>>(
      `SELECT id FROM notifications WHERE status = 'queued' AND queued_at < $1 ORDER BY queued_at LIMIT $2`,
      [cutoff, limit],
    );
    return rows.map((row) => row.id);
  }

  /** Returns rows to pending if they are still queued (their job is gone). */
  async requeue(ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    return (await this.move(REQUEUE_SQL, [ids])).length;
  }

  /** A worker died mid-send: after the stale interval the row is tried again. */
  async releaseStaleSending(cutoff: Date): Promise<number> {
    const rows = await this.db.query<[unknown[], number]>(
      `UPDATE notifications SET status = 'pending', queued_at = NULL, updated_at = now(),
              last_error = coalesce(last_error, 'The worker stopped while sending; tried again.')
        WHERE status = 'sending' AND queued_at < $1 RETURNING id`,
      [cutoff],
    );
    return rows[0].length;
  }

  /** Writes emails in the caller's transaction; returns how many rows were new (a repeated dedupe key is a no-op). */
  async enqueue(manager: EntityManager, entries: OutboxEntry[]): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into('notifications')
      .values(
        entries.map((e) => ({
          kind: e.kind,
          recipient: e.recipient,
          data: e.data ?? {},
          sendAt: e.sendAt,
          dedupeKey: e.dedupeKey,
          eventId: e.eventId ?? null,
          registrationId: e.registrationId ?? null,
        })),
      )
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length;
  }

  /** How many emails of a kind were due for a registration since a moment (any status). */
  async countSince(
    manager: EntityManager,
    registrationId: string,
    kind: NotificationKind,
    since: Date,
  ): Promise<number> {
    const rows: Array<{ n: number }> = await manager.query(
      `SELECT count(*)::int AS n FROM notifications WHERE registration_id = $1 AND kind = $2 AND send_at >= $3`,
      [registrationId, kind, since],
    );
    return rows[0]?.n ?? 0;
  }

  /** Cancels what has not gone out yet for a registration, in the caller's transaction. */
  async cancelPendingForRegistration(
    manager: EntityManager,
    registrationId: string,
    kinds?: NotificationKind[],
  ): Promise<number> {
    const query = manager
      .createQueryBuilder()
      .update('notifications')
      .set({ status: 'cancelled', lastError: null })
      .where('registration_id = :registrationId', { registrationId })
      .andWhere(`status IN ('pending', 'queued')`);
    if (kinds?.length) query.andWhere('kind IN (:...kinds)', { kinds });
    return (await query.execute()).affected ?? 0;
  }

  /**
   * Pushes back an event's pending emails of a kind (only those whose dedupe key starts with
   * `dedupePrefix`, when given) to `sendAt`, never beyond `maxDelayMs` after the first change of
   * their burst (`data.since`), and returns their data: the debounce of the change notices.
   */
  async postponePending(manager: EntityManager, pending: PendingToPostpone): Promise<Array<Record<string, unknown>>> {
    const [rows] = await manager.query<[Array<{ data: Record<string, unknown> }>, number]>(
      `UPDATE notifications
          SET send_at = LEAST($3::timestamptz, (data->>'since')::timestamptz + $4 * interval '1 millisecond'),
              updated_at = now()
        WHERE event_id = $1 AND kind = $2 AND status = 'pending'
          AND ($5::text IS NULL OR starts_with(dedupe_key, $5))
      RETURNING data`,
      [pending.eventId, pending.kind, pending.sendAt, pending.maxDelayMs, pending.dedupePrefix ?? null],
    );
    return rows.map((row) => row.data);
  }

  /** How many of the event's emails of these kinds wait to be sent, and the soonest send time. */
  async pendingOfKinds(eventId: string, kinds: NotificationKind[]): Promise<{ count: number; nextAt: Date | null }> {
    const [row] = await this.db.query<Array<{ count: number; next_at: Date | null }>>(
      `SELECT count(*)::int AS count, min(send_at) AS next_at
         FROM notifications WHERE event_id = $1 AND kind = ANY($2::text[]) AND status = 'pending'`,
      [eventId, kinds],
    );
    return { count: row.count, nextAt: row.next_at };
  }

  /** Marks the events' pending emails of these kinds cancelled with a reason, without sending them. */
  async cancelPendingOfKinds(eventIds: string[], kinds: NotificationKind[], reason: string): Promise<number> {
    const [, affected] = await this.db.query<[unknown, number]>(
      `UPDATE notifications SET status = 'cancelled', last_error = $3, updated_at = now()
        WHERE event_id = ANY($1::uuid[]) AND kind = ANY($2::text[]) AND status = 'pending'`,
      [eventIds, kinds, reason],
    );
    return affected;
  }

  /** The emails addressed to one delegate, newest first (at most 200). */
  forRegistration(registrationId: string): Promise<RegistrationMail[]> {
    return this.db.query(
      `SELECT id, kind, status, send_at AS "sendAt", sent_at AS "sentAt", last_error AS "lastError"
       FROM notifications WHERE registration_id = $1 ORDER BY send_at DESC, id LIMIT 200`,
      [registrationId],
    );
  }

  /**
   * For an erased delegate: the outbox keeps addresses and names of mail already sent, and a
   * failed send's SMTP answer (which may quote them); the address becomes the placeholder, the
   * data goes, and only the answer's code stays.
   */
  async scrubForErasure(manager: EntityManager, registrationId: string, placeholder: string): Promise<void> {
    await manager.query(
      `UPDATE notifications SET recipient = $2, data = '{}'::jsonb, last_error = split_part(last_error, ':', 1),
         updated_at = now()
       WHERE registration_id = $1`,
      [registrationId, placeholder],
    );
  }

  /**
   * Brings an event's scheduled emails of one kind in line with what should be sent, in one
   * statement: `plan.desired` is a SELECT of the wanted rows (columns dedupe_key, recipient,
   * data, send_at, registration_id; it may use $1 = event id and $2 = registration id or NULL
   * for all). Rows no longer wanted are cancelled, wanted rows whose new time has passed are
   * cancelled (never sent late), and the rest are written or moved. Idempotent.
   */
  async reconcile(manager: EntityManager, plan: ScheduledMailPlan): Promise<{ scheduled: number; cancelled: number }> {
    // The three parts touch disjoint rows, so they can share one statement (one round trip
    // inside the caller's transaction, which often holds the event's seat lock).
    const [counts] = await manager.query<Array<{ scheduled: number; cancelled: number }>>(
      `WITH d AS MATERIALIZED (${plan.desired}),
       gone AS (
         UPDATE notifications n
            SET status = 'cancelled', last_error = $5, updated_at = now()
          WHERE n.event_id = $1 AND n.kind = $4 AND n.status IN ('pending', 'queued')
            AND ($2::uuid IS NULL OR n.registration_id = $2::uuid)
            AND NOT EXISTS (SELECT 1 FROM d WHERE d.dedupe_key = n.dedupe_key)
         RETURNING 1),
       late AS (
         UPDATE notifications n
            SET status = 'cancelled', last_error = $6, updated_at = now()
           FROM d
          WHERE n.dedupe_key = d.dedupe_key AND n.status = 'pending' AND n.send_at <> d.send_at AND d.send_at <= $3
         RETURNING 1),
       scheduled AS (
         INSERT INTO notifications (kind, recipient, data, send_at, dedupe_key, event_id, registration_id)
         SELECT $4, d.recipient, d.data, d.send_at, d.dedupe_key, $1, d.registration_id
           FROM d
          WHERE d.send_at > $3
         ON CONFLICT (dedupe_key) DO UPDATE
            SET send_at = EXCLUDED.send_at, recipient = EXCLUDED.recipient, status = 'pending',
                last_error = NULL, queued_at = NULL, updated_at = now()
          WHERE notifications.status = 'cancelled'
             OR (notifications.status IN ('pending', 'queued') AND notifications.send_at <> EXCLUDED.send_at)
         RETURNING 1)
       SELECT (SELECT count(*)::int FROM scheduled) AS scheduled,
              (SELECT count(*)::int FROM gone) + (SELECT count(*)::int FROM late) AS cancelled`,
      [plan.eventId, plan.registrationId, plan.now, plan.kind, plan.noLongerWanted, plan.tooLate],
    );
    return { scheduled: counts.scheduled, cancelled: counts.cancelled };
  }

  /** One page of an event's emails, newest first. */
  pageForEvent(
    eventId: string,
    status: NotificationStatus | undefined,
    limit: number,
    offset: number,
  ): Promise<[Notification[], number]> {
    return this.db.getRepository(Notification).findAndCount({
      where: { eventId, ...(status ? { status } : {}) },
      order: { sendAt: 'DESC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
  }

  /** How many of the event's emails are in each status (every status present, 0 when none). */
  async statusCounts(eventId: string): Promise<Record<NotificationStatus, number>> {
    const rows = await this.db.query<Array<{ status: NotificationStatus; n: number }>>(
      `SELECT status, count(*)::int AS n FROM notifications WHERE event_id = $1 GROUP BY status`,
      [eventId],
    );
    const counts = Object.fromEntries(NOTIFICATION_STATUSES.map((s) => [s, 0])) as Record<NotificationStatus, number>;
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  /** The most recent delivery error among the event's failed emails. */
  async latestError(eventId: string): Promise<string | undefined> {
    const [latest] = await this.db.query<Array<{ last_error: string }>>(
      `SELECT last_error FROM notifications WHERE event_id = $1 AND status = 'failed' AND last_error IS NOT NULL
        ORDER BY updated_at DESC LIMIT 1`,
      [eventId],
    );
    return latest?.last_error;
  }

  /** Puts a failed email of the event back to pending with fresh attempts; false when it is not failed. */
  async retryFailed(eventId: string, notificationId: string, now: Date): Promise<boolean> {
    const [rows] = await this.db.query<[Array<{ id: string }>, number]>(
      `UPDATE notifications SET status = 'pending', attempts = 0, send_at = $3, queued_at = NULL, updated_at = now()
        WHERE id = $1 AND event_id = $2 AND status = 'failed' RETURNING id`,
      [notificationId, eventId, now],
    );
    return rows.length > 0;
  }

  findForEvent(eventId: string, notificationId: string): Promise<Notification | null> {
    return this.db.getRepository(Notification).findOne({ where: { id: notificationId, eventId } });
  }
}
