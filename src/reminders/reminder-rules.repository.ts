import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { NotificationKind } from '../outbox/notification-kind.js';
import { ReminderRule } from './reminder-rule.entity.js';

/** One rule's reminders in the outbox: how many wait (and between which times), how many went. */
export interface RuleSchedule {
  ruleId: string;
  waiting: number;
  firstAt: Date | null;
  lastAt: Date | null;
  sent: number;
}

/** The reminder rules' statements, and the transactions that change them. */
@Injectable()
export class ReminderRulesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  list(eventId: string, manager: EntityManager = this.db.manager): Promise<ReminderRule[]> {
    return manager.getRepository(ReminderRule).find({ where: { eventId }, order: { position: 'ASC' } });
  }

  /** Locks the event row, so two rule changes for one event are serialised; false when there is no such event. */
  async lockEvent(manager: EntityManager, eventId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query('SELECT id FROM events WHERE id = $1 FOR UPDATE', [eventId]);
    return rows.length > 0;
  }

  async save(manager: EntityManager, rule: Partial<ReminderRule>): Promise<void> {
    await manager.getRepository(ReminderRule).save(rule);
  }

  async delete(manager: EntityManager, ruleIds: string[]): Promise<void> {
    if (ruleIds.length > 0) await manager.getRepository(ReminderRule).delete(ruleIds);
  }

  /** Events whose reminders the periodic sync keeps in line: with rules, public, not long over. */
  async eventsWithRules(): Promise<string[]> {
    const rows = await this.db.query<Array<{ event_id: string }>>(
      `SELECT DISTINCT r.event_id FROM reminder_rules r JOIN events e ON e.id = r.event_id
        WHERE e.status IN ('published', 'cancelled') AND e.ends_at > now() - interval '60 days'`,
    );
    return rows.map((row) => row.event_id);
  }

  find(eventId: string, ruleId: string): Promise<ReminderRule | null> {
    return this.db.getRepository(ReminderRule).findOne({ where: { id: ruleId, eventId } });
  }

  /**
   * A delegate a rule's email can be previewed for: the first confirmed one (or the one asked
   * for); for a session rule, with their first confirmed workshop place.
   */
  async sampleRecipient(
    eventId: string,
    anchor: ReminderRule['anchor'],
    registrationId: string | undefined,
  ): Promise<{ registrationId: string; sessionId?: string } | undefined> {
    if (anchor !== 'session-start') {
      const [row] = await this.db.query<Array<{ id: string }>>(
        `SELECT id FROM registrations WHERE event_id = $1 AND status = 'confirmed' AND ($2::uuid IS NULL OR id = $2::uuid)
          ORDER BY created_at LIMIT 1`,
        [eventId, registrationId ?? null],
      );
      return row ? { registrationId: row.id } : undefined;
    }
    const [row] = await this.db.query<Array<{ registration_id: string; session_id: string }>>(
      `SELECT su.registration_id, su.session_id
         FROM session_signups su JOIN registrations r ON r.id = su.registration_id AND r.status = 'confirmed'
         JOIN sessions s ON s.id = su.session_id AND s.status = 'scheduled'
        WHERE r.event_id = $1 AND su.status = 'confirmed' AND ($2::uuid IS NULL OR r.id = $2::uuid)
        ORDER BY s.starts_at LIMIT 1`,
      [eventId, registrationId ?? null],
    );
    return row ? { registrationId: row.registration_id, sessionId: row.session_id } : undefined;
  }

  /** Each rule's reminders for the event, counted from the outbox rows the sync wrote. */
  async schedules(eventId: string): Promise<RuleSchedule[]> {
    const rows = await this.db.query<
      Array<{ rule_id: string; waiting: number; first_at: Date | null; last_at: Date | null; sent: number }>
    >(
      `SELECT data->>'ruleId' AS rule_id,
              count(*) FILTER (WHERE status IN ('pending', 'queued'))::int AS waiting,
              min(send_at) FILTER (WHERE status IN ('pending', 'queued')) AS first_at,
              max(send_at) FILTER (WHERE status IN ('pending', 'queued')) AS last_at,
              count(*) FILTER (WHERE status = 'sent')::int AS sent
         FROM notifications WHERE event_id = $1 AND kind = $2
        GROUP BY 1`,
      [eventId, NotificationKind.Reminder],
    );
    return rows.map((r) => ({
      ruleId: r.rule_id,
      waiting: r.waiting,
      firstAt: r.first_at,
      lastAt: r.last_at,
      sent: r.sent,
    }));
  }
}
