import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The change list of a published agenda (old and new values per change). */
export class AgendaChanges1764000001000 implements MigrationInterface {
  name = 'AgendaChanges1764000001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE agenda_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        session_id uuid NOT NULL,
        session_title text NOT NULL,
        kinds text[] NOT NULL CHECK (cardinality(kinds) > 0),
        old_values jsonb,
        new_values jsonb,
        speaker_ids uuid[] NOT NULL DEFAULT '{}',
        registration_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX ix_agenda_changes_event_created ON agenda_changes (event_id, created_at)`);
    // The debounced email looks up a person's changes by speaker or registration.
    await db.query(`CREATE INDEX ix_agenda_changes_speakers ON agenda_changes USING gin (speaker_ids)`);
    await db.query(`CREATE INDEX ix_agenda_changes_registrations ON agenda_changes USING gin (registration_ids)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE agenda_changes`);
  }
}
