import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Feedback on sessions and on the whole event, kept apart from who gave it, as ballots are:
 * a receipt says that a delegate answered a form (its key lets them answer once) and the
 * answer says what was answered, with no delegate and no time, so neither table nor the
 * pair can tell whose answer is whose. Both are written by one statement: the answer only
 * where the receipt was new. `round` is the immediate feedback or the later impact follow-up.
 */
export class Feedback1767000400100 implements MigrationInterface {
  name = 'Feedback1767000400100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE feedback_settings (
         event_id uuid PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
         closes_after_days integer NOT NULL DEFAULT 14 CHECK (closes_after_days BETWEEN 0 AND 365)
       )`,
    );
    await db.query(
      `CREATE TABLE feedback_questions (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
         position integer NOT NULL CHECK (position BETWEEN 1 AND 5),
         text text NOT NULL CHECK (length(text) BETWEEN 1 AND 200),
         removed_at timestamptz
       )`,
    );
    await db.query(
      `CREATE UNIQUE INDEX uq_feedback_questions_position ON feedback_questions (event_id, position) WHERE removed_at IS NULL`,
    );
    await db.query(
      `CREATE TABLE feedback_receipts (
         round text NOT NULL CHECK (round IN ('immediate', 'impact')),
         subject_id uuid NOT NULL,
         registration_id uuid NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
         PRIMARY KEY (round, subject_id, registration_id)
       )`,
    );
    await db.query(`CREATE INDEX ix_feedback_receipts_registration ON feedback_receipts (registration_id)`);
    await db.query(
      `CREATE TABLE feedback_answers (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
         session_id uuid REFERENCES sessions(id) ON DELETE CASCADE,
         round text NOT NULL CHECK (round IN ('immediate', 'impact')),
         ratings jsonb NOT NULL DEFAULT '{}',
         practice text CHECK (practice IS NULL OR length(practice) <= 2000)
       )`,
    );
    await db.query(`CREATE INDEX ix_feedback_answers_event ON feedback_answers (event_id, round, session_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE feedback_answers`);
    await db.query(`DROP TABLE feedback_receipts`);
    await db.query(`DROP TABLE feedback_questions`);
    await db.query(`DROP TABLE feedback_settings`);
  }
}
