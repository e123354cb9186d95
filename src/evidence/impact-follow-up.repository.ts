import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { EVENT_ATTENDEES_SQL } from './feedback.sql.js';
import type { FollowUpUnit } from './impact-follow-up.entity.js';

export interface FollowUpSettings {
  afterCount: number;
  afterUnit: FollowUpUnit;
  ratingQuestion: string;
  practiceQuestion: string;
}

export interface FollowUp extends FollowUpSettings {
  eventId: string;
  sentAt: Date | null;
}

/** An event's impact follow-up: its settings, and the claim that sends it once. */
@Injectable()
export class ImpactFollowUpRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(eventId: string): Promise<FollowUp | undefined> {
    const rows: FollowUp[] = await this.db.query(
      `SELECT event_id AS "eventId", after_count AS "afterCount", after_unit AS "afterUnit",
              rating_question AS "ratingQuestion", practice_question AS "practiceQuestion", sent_at AS "sentAt"
       FROM impact_follow_ups WHERE event_id = $1`,
      [eventId],
    );
    return rows[0];
  }

  /** False if the follow-up has gone already (then it is kept as it was sent). */
  async save(eventId: string, settings: FollowUpSettings): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO impact_follow_ups (event_id, after_count, after_unit, rating_question, practice_question)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (event_id) DO UPDATE SET after_count = EXCLUDED.after_count, after_unit = EXCLUDED.after_unit,
         rating_question = EXCLUDED.rating_question, practice_question = EXCLUDED.practice_question
       WHERE impact_follow_ups.sent_at IS NULL
       RETURNING event_id`,
      [eventId, settings.afterCount, settings.afterUnit, settings.ratingQuestion, settings.practiceQuestion],
    );
    return rows.length > 0;
  }

  /**
   * Marks every due, unsent follow-up sent and returns their events. A second sweep at the same
   * moment waits on the row and then finds `sent_at` set, so it claims nothing.
   */
  async claimDue(manager: EntityManager, now: Date): Promise<Array<{ eventId: string; sentAt: Date }>> {
    // An UPDATE answers [rows, count].
    const [claimed]: [Array<{ eventId: string; sentAt: Date }>, number] = await manager.query(
      `UPDATE impact_follow_ups f SET sent_at = $1
       FROM events e
       WHERE e.id = f.event_id AND f.sent_at IS NULL AND e.status <> 'cancelled'
         AND e.ends_at + CASE f.after_unit WHEN 'weeks' THEN make_interval(weeks => f.after_count)
                                           ELSE make_interval(months => f.after_count) END <= $1
       RETURNING f.event_id AS "eventId", f.sent_at AS "sentAt"`,
      [now],
    );
    return claimed;
  }

  attendees(manager: EntityManager, eventId: string): Promise<Array<{ id: string; email: string }>> {
    return manager.query(EVENT_ATTENDEES_SQL, [eventId]);
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}
