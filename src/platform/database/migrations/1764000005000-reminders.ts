import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reminder rules per event, and the sealed personal-link token reminders carry. */
export class Reminders1764000005000 implements MigrationInterface {
  name = 'Reminders1764000005000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE reminder_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        anchor text NOT NULL CHECK (anchor IN ('event-start', 'event-end', 'session-start')),
        "offset" text NOT NULL,
        offset_seconds integer NOT NULL CHECK (offset_seconds > 0),
        subject text,
        message text,
        position integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_reminder_rules_event_anchor_offset UNIQUE (event_id, anchor, offset_seconds)
      )`);
    await db.query(`ALTER TABLE registrations ADD COLUMN token_sealed text`);
    // The reminder sync looks rows up by event and kind.
    await db.query(
      `CREATE INDEX ix_notifications_event_kind ON notifications (event_id, kind) WHERE status IN ('pending', 'queued')`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX ix_notifications_event_kind`);
    await db.query(`ALTER TABLE registrations DROP COLUMN token_sealed`);
    await db.query(`DROP TABLE reminder_rules`);
  }
}
