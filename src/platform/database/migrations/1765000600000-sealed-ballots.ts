import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ballots wait sealed until voting closes, and the voting window keeps a trail.
 *
 * A ballot written in the voter's own transaction shares that transaction's id (xmin) and
 * its place on disk with the receipt, so `sealed_ballots` holds only the choice encrypted
 * under a key the database never sees; at close the whole pool joins `ballots` in one
 * transaction, in random order, and is deleted. `ballots_released_at` marks that close:
 * from then on the award takes no ballots and its window no longer moves.
 *
 * `award_window_changes` is append-only (a trigger refuses updates and deletes, except those
 * cascading from the award's own deletion), so a window moved to peek at a count and back
 * again stays on record.
 */
export class SealedBallots1765000600000 implements MigrationInterface {
  name = 'SealedBallots1765000600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE awards ADD COLUMN ballots_released_at timestamptz`);
    // Awards whose voting had already closed count the ballots they have; nothing is sealed.
    await db.query(`UPDATE awards SET ballots_released_at = voting_closes_at WHERE voting_closes_at <= now()`);
    await db.query(`
      CREATE TABLE sealed_ballots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        award_id uuid NOT NULL REFERENCES awards(id) ON DELETE CASCADE,
        sealed text NOT NULL
      )`);
    await db.query(`CREATE INDEX ix_sealed_ballots_award ON sealed_ballots (award_id)`);
    await db.query(`
      CREATE TABLE award_window_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        award_id uuid NOT NULL REFERENCES awards(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('created', 'moved', 'closed')),
        voting_opens_at timestamptz NOT NULL,
        voting_closes_at timestamptz NOT NULL,
        previous_opens_at timestamptz,
        previous_closes_at timestamptz,
        changed_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX ix_award_window_changes_award ON award_window_changes (award_id, changed_at)`);
    await db.query(`
      CREATE FUNCTION award_window_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Cascades (the award deleted, the staff account removed) run as triggers themselves.
        IF pg_trigger_depth() > 1 THEN
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        RAISE EXCEPTION 'award_window_changes is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER tr_award_window_changes_append_only BEFORE UPDATE OR DELETE ON award_window_changes
        FOR EACH ROW EXECUTE FUNCTION award_window_changes_append_only()`);
    await db.query(`
      INSERT INTO award_window_changes (award_id, kind, voting_opens_at, voting_closes_at, changed_at)
      SELECT id, 'created', voting_opens_at, voting_closes_at, created_at FROM awards`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE award_window_changes`);
    await db.query(`DROP FUNCTION award_window_changes_append_only()`);
    await db.query(`DROP TABLE sealed_ballots`);
    await db.query(`ALTER TABLE awards DROP COLUMN ballots_released_at`);
  }
}
