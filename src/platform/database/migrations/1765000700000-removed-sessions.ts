import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A session deleted from an agenda that was published stays as a cancelled row with
 * removed_at set: calendars that imported it learn of the cancellation from the feed.
 */
export class RemovedSessions1765000700000 implements MigrationInterface {
  name = 'RemovedSessions1765000700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE sessions ADD COLUMN removed_at timestamptz`);
    await db.query(
      `ALTER TABLE sessions ADD CONSTRAINT ck_sessions_removed_cancelled CHECK (removed_at IS NULL OR status = 'cancelled')`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE sessions DROP COLUMN removed_at`);
  }
}
