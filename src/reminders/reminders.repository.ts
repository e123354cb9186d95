import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotificationKind } from '../notifications/notification-kind.js';

/**
 * The reminders each confirmed delegate should get for an event, computed from the
 * current rules, event and session times and workshop sign-ups. $1 = event id,
 * $2 = registration id or NULL for all.
 */
const DESIRED = `
  SELECT r.id AS rule_id, reg.id AS registration_id, reg.email, NULL::uuid AS session_id,
         CASE r.anchor WHEN 'event-start' THEN e.starts_at - make_interval(secs => r.offset_seconds)
                       ELSE e.ends_at + make_interval(secs => r.offset_seconds) END AS send_at
    FROM reminder_rules r
    JOIN events e ON e.id = r.event_id AND e.status = 'published'
    JOIN registrations reg ON reg.event_id = e.id AND reg.status = 'confirmed' AND reg.erased_at IS NULL
   WHERE r.event_id = $1 AND r.anchor IN ('event-start', 'event-end')
     AND ($2::uuid IS NULL OR reg.id = $2::uuid)
  UNION ALL
  SELECT r.id, reg.id, reg.email, s.id, s.starts_at - make_interval(secs => r.offset_seconds)
    FROM reminder_rules r
    JOIN events e ON e.id = r.event_id AND e.status = 'published'
    JOIN sessions s ON s.event_id = e.id AND s.status = 'scheduled'
    JOIN session_signups su ON su.session_id = s.id AND su.status = 'confirmed'
    JOIN registrations reg ON reg.id = su.registration_id AND reg.status = 'confirmed' AND reg.erased_at IS NULL
   WHERE r.event_id = $1 AND r.anchor = 'session-start'
     AND ($2::uuid IS NULL OR reg.id = $2::uuid)`;

const DEDUPE_KEY = `'reminder:' || d.rule_id || ':' || d.registration_id || ':' || coalesce(d.session_id::text, 'event')`;

export interface SyncResult {
  scheduled: number;
  cancelled: number;
}

/** All of the reminders' SQL: one idempotent reconciliation of outbox rows with the rules. */
@Injectable()
export class RemindersRepository {
  /**
   * Brings an event's reminder rows in line with what should be sent: new rows for new
   * delegates, sign-ups and rules; new times for moved ones; cancelled rows for what no
   * longer applies. Rows whose time has passed are never created (no stale reminders).
   * Safe to run any number of times, from any process.
   */
  async sync(
    manager: EntityManager,
    eventId: string,
    now: Date,
    registrationId: string | null = null,
  ): Promise<SyncResult> {
    const [, cancelledGone] = await manager.query<[unknown[], number]>(
      `UPDATE notifications n
          SET status = 'cancelled', last_error = 'No longer applies (registration, sign-up, rule or event changed).', updated_at = now()
        WHERE n.event_id = $1 AND n.kind = '${NotificationKind.Reminder}' AND n.status IN ('pending', 'queued')
          AND ($2::uuid IS NULL OR n.registration_id = $2::uuid)
          AND NOT EXISTS (SELECT 1 FROM (${DESIRED}) d WHERE ${DEDUPE_KEY} = n.dedupe_key)`,
      [eventId, registrationId],
    );
    const [, cancelledLate] = await manager.query<[unknown[], number]>(
      `UPDATE notifications n
          SET status = 'cancelled', last_error = 'Its new time had already passed; not sent late.', updated_at = now()
         FROM (${DESIRED}) d
        WHERE n.dedupe_key = ${DEDUPE_KEY} AND n.status = 'pending' AND n.send_at <> d.send_at AND d.send_at <= $3`,
      [eventId, registrationId, now],
    );
    const scheduled = await manager.query<Array<{ id: string }>>(
      `INSERT INTO notifications (kind, recipient, data, send_at, dedupe_key, event_id, registration_id)
       SELECT '${NotificationKind.Reminder}', d.email, jsonb_build_object('ruleId', d.rule_id, 'sessionId', d.session_id),
              d.send_at, ${DEDUPE_KEY}, $1, d.registration_id
         FROM (${DESIRED}) d
        WHERE d.send_at > $3
       ON CONFLICT (dedupe_key) DO UPDATE
          SET send_at = EXCLUDED.send_at, recipient = EXCLUDED.recipient, status = 'pending',
              last_error = NULL, queued_at = NULL, updated_at = now()
        WHERE notifications.status = 'cancelled'
           OR (notifications.status IN ('pending', 'queued') AND notifications.send_at <> EXCLUDED.send_at)
       RETURNING id`,
      [eventId, registrationId, now],
    );
    return { scheduled: scheduled.length, cancelled: cancelledGone + cancelledLate };
  }

  /** Events whose reminders the safety-net sweep keeps in line. */
  async eventsWithRules(manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<Array<{ event_id: string }>>(
      `SELECT DISTINCT r.event_id FROM reminder_rules r JOIN events e ON e.id = r.event_id
        WHERE e.status IN ('published', 'cancelled') AND e.ends_at > now() - interval '60 days'`,
    );
    return rows.map((row) => row.event_id);
  }
}
