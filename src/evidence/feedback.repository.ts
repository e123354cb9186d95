import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { FeedbackRound } from './feedback.entity.js';
import { SUBMIT_FEEDBACK_SQL, UNANSWERED_ATTENDEES_SQL } from './feedback.sql.js';

export interface Question {
  id: string;
  position: number;
  text: string;
}

export interface FeedbackEvent {
  id: string;
  title: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  closesAfterDays: number;
  /** Checked in at the event's door. */
  checkedIn: boolean;
}

/** One answer to write: the receipt's key and the answer's content. */
export interface Submission {
  round: FeedbackRound;
  registrationId: string;
  eventId: string;
  /** Null: the whole event's form. */
  sessionId: string | null;
  ratings: Record<string, number>;
  practice: string | null;
}

/** Who an evidence email goes to, as it is composed. */
export interface Recipient {
  id: string;
  eventId: string;
  email: string;
  name: string;
  status: string;
  erasedAt: Date | null;
  linkUsedAt: Date | null;
  tokenSealed: string | null;
  eventTitle: string;
  eventStatus: string;
}

export const DEFAULT_CLOSES_AFTER_DAYS = 14;

/** The event's feedback: its questions, its window, who answered what (receipts) — never whose answer is whose. */
@Injectable()
export class FeedbackRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  questions(eventId: string): Promise<Question[]> {
    return this.db.query(
      `SELECT id, position, text FROM feedback_questions WHERE event_id = $1 AND removed_at IS NULL ORDER BY position`,
      [eventId],
    );
  }

  /** Writes the default questions for an event that has never had any (a second caller at once writes nothing). */
  async ensureQuestions(eventId: string, defaults: readonly string[]): Promise<void> {
    await this.db.query(
      `INSERT INTO feedback_questions (event_id, position, text)
       SELECT $1, q.n, q.text FROM unnest($2::text[]) WITH ORDINALITY AS q(text, n)
       WHERE NOT EXISTS (SELECT 1 FROM feedback_questions WHERE event_id = $1)
       ON CONFLICT DO NOTHING`,
      [eventId, defaults],
    );
  }

  /**
   * The questions as the organiser left them, by position: a changed text keeps its question
   * (and its ratings); a blank removes it; a filled blank is a new question.
   */
  async saveQuestions(eventId: string, texts: Array<string | undefined>, at: Date): Promise<void> {
    await this.db.transaction(async (manager) => {
      for (const [index, text] of texts.entries()) {
        const position = index + 1;
        if (text === undefined) {
          await manager.query(
            `UPDATE feedback_questions SET removed_at = $3 WHERE event_id = $1 AND position = $2 AND removed_at IS NULL`,
            [eventId, position, at],
          );
          continue;
        }
        await manager.query(
          `INSERT INTO feedback_questions (event_id, position, text) VALUES ($1, $2, $3)
           ON CONFLICT (event_id, position) WHERE removed_at IS NULL DO UPDATE SET text = EXCLUDED.text`,
          [eventId, position, text],
        );
      }
    });
  }

  async saveClosesAfterDays(eventId: string, days: number): Promise<void> {
    await this.db.query(
      `INSERT INTO feedback_settings (event_id, closes_after_days) VALUES ($1, $2)
       ON CONFLICT (event_id) DO UPDATE SET closes_after_days = EXCLUDED.closes_after_days`,
      [eventId, days],
    );
  }

  /** The event as feedback sees it, with whether this registration was checked in at its door. */
  async event(eventId: string, registrationId: string | null): Promise<FeedbackEvent | undefined> {
    const rows: FeedbackEvent[] = await this.db.query(
      `SELECT e.id, e.title, e.status, e.starts_at AS "startsAt", e.ends_at AS "endsAt", e.timezone,
              COALESCE(fs.closes_after_days, ${DEFAULT_CLOSES_AFTER_DAYS}) AS "closesAfterDays",
              EXISTS (SELECT 1 FROM registrations r WHERE r.id = $2 AND r.event_id = e.id AND r.checked_in_at IS NOT NULL) AS "checkedIn"
       FROM events e LEFT JOIN feedback_settings fs ON fs.event_id = e.id WHERE e.id = $1`,
      [eventId, registrationId],
    );
    return rows[0];
  }

  /** The forms (subjects: sessions, or the event) this registration has answered in a round. */
  async answered(registrationId: string, round: FeedbackRound): Promise<Set<string>> {
    const rows: Array<{ subjectId: string }> = await this.db.query(
      `SELECT subject_id AS "subjectId" FROM feedback_receipts WHERE registration_id = $1 AND round = $2`,
      [registrationId, round],
    );
    return new Set(rows.map((row) => row.subjectId));
  }

  /** True if this call wrote the answer; false if the delegate had answered this form already. */
  async submit(submission: Submission): Promise<boolean> {
    const rows: unknown[] = await this.db.query(SUBMIT_FEEDBACK_SQL, [
      submission.round,
      submission.sessionId ?? submission.eventId,
      submission.registrationId,
      submission.eventId,
      submission.sessionId,
      JSON.stringify(submission.ratings),
      submission.practice,
    ]);
    return rows.length > 0;
  }

  unansweredAttendees(
    manager: EntityManager,
    eventId: string,
    round: FeedbackRound,
  ): Promise<Array<{ id: string; email: string }>> {
    return manager.query(UNANSWERED_ATTENDEES_SQL, [eventId, round]);
  }

  async recipient(registrationId: string): Promise<Recipient | undefined> {
    const rows: Recipient[] = await this.db.query(
      `SELECT r.id, r.event_id AS "eventId", r.email, r.name, r.status, r.erased_at AS "erasedAt",
              r.link_used_at AS "linkUsedAt", r.token_sealed AS "tokenSealed",
              e.title AS "eventTitle", e.status AS "eventStatus"
       FROM registrations r JOIN events e ON e.id = r.event_id WHERE r.id = $1`,
      [registrationId],
    );
    return rows[0];
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}
