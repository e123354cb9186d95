import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a facilitator steers from the wall: a timer for the current step that every screen
 * shows, "write privately, then reveal" (a section's notes stay off the room's screen and the
 * phones until it is revealed), and the authors' names left off the room's screen.
 */
export class CanvasFacilitation1767000200000 implements MigrationInterface {
  name = 'CanvasFacilitation1767000200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE canvases
        ADD COLUMN write_privately boolean NOT NULL DEFAULT false,
        ADD COLUMN revealed_sections text[] NOT NULL DEFAULT '{}',
        ADD COLUMN hide_authors boolean NOT NULL DEFAULT false,
        ADD COLUMN timer_label text,
        ADD COLUMN timer_ends_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE canvases
        DROP COLUMN timer_ends_at, DROP COLUMN timer_label, DROP COLUMN hide_authors,
        DROP COLUMN revealed_sections, DROP COLUMN write_privately`);
  }
}
