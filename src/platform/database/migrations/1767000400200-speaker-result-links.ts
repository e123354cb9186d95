import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A speaker's secret link to their own sessions' feedback: only the token's SHA-256 is kept,
 * one per speaker (a new link replaces the old), and it goes with the speaker.
 */
export class SpeakerResultLinks1767000400200 implements MigrationInterface {
  name = 'SpeakerResultLinks1767000400200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE speaker_result_links (
         speaker_id uuid PRIMARY KEY REFERENCES speakers(id) ON DELETE CASCADE,
         event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
         token_hash text NOT NULL UNIQUE,
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE speaker_result_links`);
  }
}
