import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A saved canvas template belongs to the event whose canvas it was saved from, so one event's
 * staff no longer see (or take the keys of) another's; an organiser may share one with every
 * event. Templates saved before this belonged to no event and everyone saw them: they stay shared.
 */
export class CanvasTemplatesPerEvent1766000700000 implements MigrationInterface {
  name = 'CanvasTemplatesPerEvent1766000700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE canvas_templates
        ADD COLUMN event_id uuid REFERENCES events (id) ON DELETE CASCADE,
        ADD COLUMN shared boolean NOT NULL DEFAULT false`);
    await db.query(`UPDATE canvas_templates SET shared = true`);
    await db.query(`ALTER TABLE canvas_templates DROP CONSTRAINT uq_canvas_templates_key`);
    await db.query(`CREATE UNIQUE INDEX uq_canvas_templates_event_key ON canvas_templates (event_id, key)`);
    await db.query(`CREATE UNIQUE INDEX uq_canvas_templates_shared_key ON canvas_templates (key) WHERE shared`);
    await db.query(
      `ALTER TABLE canvas_templates ADD CONSTRAINT ck_canvas_templates_owner CHECK (event_id IS NOT NULL OR shared)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE canvas_templates DROP CONSTRAINT ck_canvas_templates_owner`);
    await db.query(`DROP INDEX uq_canvas_templates_shared_key`);
    await db.query(`DROP INDEX uq_canvas_templates_event_key`);
    await db.query(`ALTER TABLE canvas_templates ADD CONSTRAINT uq_canvas_templates_key UNIQUE (key)`);
    await db.query(`ALTER TABLE canvas_templates DROP COLUMN shared, DROP COLUMN event_id`);
  }
}
