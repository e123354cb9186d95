import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Awards, nominations, the shortlist and secret ballots. A ballot row has no reference to
 * its voter and no time: the receipt (award, registration) is what stops a second vote.
 */
export class Awards1764000004000 implements MigrationInterface {
  name = 'Awards1764000004000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE awards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        nominations_open_at timestamptz,
        nominations_close_at timestamptz,
        voting_opens_at timestamptz NOT NULL,
        voting_closes_at timestamptz NOT NULL,
        method text NOT NULL DEFAULT 'plurality' CHECK (method IN ('plurality', 'ranked')),
        tie_policy text NOT NULL DEFAULT 'shared' CHECK (tie_policy IN ('shared', 'casting')),
        only_checked_in boolean NOT NULL DEFAULT false,
        exclude_own_organisation boolean NOT NULL DEFAULT false,
        results_published_at timestamptz,
        published_results jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_awards_voting_window CHECK (voting_opens_at < voting_closes_at),
        CONSTRAINT ck_awards_nomination_window CHECK (
          (nominations_open_at IS NULL) = (nominations_close_at IS NULL)
          AND (nominations_open_at IS NULL OR nominations_open_at < nominations_close_at)),
        CONSTRAINT ck_awards_voting_after_nominations CHECK (
          nominations_close_at IS NULL OR nominations_close_at <= voting_opens_at)
      )`);
    await db.query(`CREATE INDEX ix_awards_event ON awards (event_id)`);
    await db.query(`
      CREATE TABLE award_nominations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        award_id uuid NOT NULL REFERENCES awards(id) ON DELETE CASCADE,
        nominated_by_id uuid REFERENCES registrations(id) ON DELETE SET NULL,
        nominee_name text NOT NULL,
        nominee_organisation text,
        statement text NOT NULL CHECK (char_length(statement) <= 1500),
        merged_into_id uuid REFERENCES award_nominations(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_award_nominations_not_self CHECK (merged_into_id IS NULL OR merged_into_id <> id)
      )`);
    await db.query(`CREATE INDEX ix_award_nominations_award ON award_nominations (award_id, created_at)`);
    await db.query(`
      CREATE TABLE award_nominees (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        award_id uuid NOT NULL REFERENCES awards(id) ON DELETE CASCADE,
        name text NOT NULL,
        organisation text,
        citation text,
        from_nomination_id uuid REFERENCES award_nominations(id) ON DELETE SET NULL,
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX ix_award_nominees_award ON award_nominees (award_id, position)`);
    // One receipt per delegate per award: this constraint is what makes a second ballot impossible.
    await db.query(`
      CREATE TABLE ballot_receipts (
        award_id uuid NOT NULL REFERENCES awards(id) ON DELETE CASCADE,
        registration_id uuid NOT NULL REFERENCES registrations(id),
        receipt_code text NOT NULL,
        CONSTRAINT uq_ballot_receipts_voter PRIMARY KEY (award_id, registration_id),
        CONSTRAINT uq_ballot_receipts_code UNIQUE (award_id, receipt_code)
      )`);
    // No voter, no time, a random id: nothing here leads back to a receipt.
    await db.query(`
      CREATE TABLE ballots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        award_id uuid NOT NULL REFERENCES awards(id) ON DELETE CASCADE,
        choices uuid[] NOT NULL CHECK (cardinality(choices) >= 1)
      )`);
    await db.query(`CREATE INDEX ix_ballots_award ON ballots (award_id)`);
    await db.query(`
      CREATE TABLE award_tie_decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        award_id uuid NOT NULL REFERENCES awards(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('winner', 'elimination')),
        round integer NOT NULL CHECK (round >= 1),
        tied_nominee_ids uuid[] NOT NULL,
        nominee_id uuid NOT NULL REFERENCES award_nominees(id) ON DELETE CASCADE,
        reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 1000),
        decided_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_award_tie_decisions_round UNIQUE (award_id, kind, round)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'award_tie_decisions',
      'ballots',
      'ballot_receipts',
      'award_nominees',
      'award_nominations',
      'awards',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
