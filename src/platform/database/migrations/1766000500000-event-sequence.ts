import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The iCalendar SEQUENCE of an event's own VEVENT (the one sent on confirmation): it rises when
 * a published event's dates, times or venue change and when it is cancelled, so a calendar
 * that imported it takes the update. An event already cancelled starts at 1 for that reason.
 */
export class EventSequence1766000500000 implements MigrationInterface {
  name = 'EventSequence1766000500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE events ADD COLUMN sequence integer NOT NULL DEFAULT 0`);
    await db.query(`UPDATE events SET sequence = 1 WHERE status = 'cancelled'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE events DROP COLUMN sequence`);
  }
}
