import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An event's impact follow-up: asked a set number of weeks or months after the event ends,
 * with the organiser's words for its rating and its free-text question. `sent_at` is set in
 * the transaction that writes the follow-up emails, so a second sweep finds it taken. The
 * answers are feedback's ('impact' round), kept apart from who gave them as the feedback is.
 */
export class ImpactFollowUps1767000800000 implements MigrationInterface {
  name = 'ImpactFollowUps1767000800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE impact_follow_ups (
         event_id uuid PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
         after_count integer NOT NULL CHECK (after_count BETWEEN 1 AND 52),
         after_unit text NOT NULL CHECK (after_unit IN ('weeks', 'months')),
         rating_question text NOT NULL CHECK (length(rating_question) BETWEEN 1 AND 200),
         practice_question text NOT NULL CHECK (length(practice_question) BETWEEN 1 AND 200),
         sent_at timestamptz
       )`,
    );
    await db.query(`CREATE INDEX ix_impact_follow_ups_unsent ON impact_follow_ups (event_id) WHERE sent_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE impact_follow_ups`);
  }
}
