import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Workshop canvases: sections, notes, dots, saved templates and the replayable event log. */
export class Canvas1764000003000 implements MigrationInterface {
  name = 'Canvas1764000003000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE canvas_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL CONSTRAINT uq_canvas_templates_key UNIQUE CHECK (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        title text NOT NULL,
        sections jsonb NOT NULL CHECK (jsonb_typeof(sections) = 'array'),
        created_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE canvases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        session_id uuid REFERENCES sessions(id) ON DELETE SET NULL,
        title text NOT NULL,
        sections jsonb NOT NULL CHECK (jsonb_typeof(sections) = 'array'),
        join_code text NOT NULL CHECK (join_code ~ '^[A-HJKMNP-Z2-9]{6}$'),
        anonymous boolean NOT NULL DEFAULT true,
        dots_per_person integer NOT NULL DEFAULT 3 CHECK (dots_per_person BETWEEN 0 AND 100),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        event_seq bigint NOT NULL DEFAULT 0,
        created_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A code identifies one open canvas; closed canvases free theirs for reuse.
    await db.query(`CREATE UNIQUE INDEX uq_canvases_open_join_code ON canvases (join_code) WHERE status = 'open'`);
    await db.query(`CREATE INDEX ix_canvases_join_code ON canvases (join_code, created_at DESC)`);
    await db.query(`CREATE INDEX ix_canvases_event ON canvases (event_id)`);
    await db.query(`
      CREATE TABLE canvas_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        canvas_id uuid NOT NULL REFERENCES canvases(id) ON DELETE CASCADE,
        section_key text NOT NULL,
        text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 500),
        author_name text CHECK (char_length(author_name) <= 80),
        group_name text CHECK (char_length(group_name) <= 80),
        cluster text CHECK (char_length(cluster) <= 80),
        hidden boolean NOT NULL DEFAULT false,
        merged_into_id uuid REFERENCES canvas_notes(id) ON DELETE SET NULL,
        participant_key text NOT NULL,
        own_dots integer NOT NULL DEFAULT 0 CHECK (own_dots >= 0),
        dots integer NOT NULL DEFAULT 0 CHECK (dots >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_canvas_notes_not_self_merged CHECK (merged_into_id IS NULL OR merged_into_id <> id)
      )`);
    // The export's order: section, cluster, dots, then time.
    await db.query(
      `CREATE INDEX ix_canvas_notes_export ON canvas_notes (canvas_id, section_key, cluster, dots DESC, created_at, id)`,
    );
    await db.query(
      `CREATE INDEX ix_canvas_notes_merged_into ON canvas_notes (merged_into_id) WHERE merged_into_id IS NOT NULL`,
    );
    await db.query(`
      CREATE TABLE canvas_participants (
        canvas_id uuid NOT NULL REFERENCES canvases(id) ON DELETE CASCADE,
        participant_key text NOT NULL,
        dots_used integer NOT NULL DEFAULT 0 CHECK (dots_used >= 0),
        PRIMARY KEY (canvas_id, participant_key)
      )`);
    await db.query(`
      CREATE TABLE note_dots (
        id bigserial PRIMARY KEY,
        canvas_id uuid NOT NULL REFERENCES canvases(id) ON DELETE CASCADE,
        note_id uuid NOT NULL REFERENCES canvas_notes(id) ON DELETE CASCADE,
        participant_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX ix_note_dots_note ON note_dots (note_id)`);
    await db.query(`CREATE INDEX ix_note_dots_participant ON note_dots (canvas_id, participant_key)`);
    await db.query(`
      CREATE TABLE canvas_events (
        canvas_id uuid NOT NULL REFERENCES canvases(id) ON DELETE CASCADE,
        seq bigint NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (canvas_id, seq)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'canvas_events',
      'note_dots',
      'canvas_participants',
      'canvas_notes',
      'canvases',
      'canvas_templates',
    ]) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
