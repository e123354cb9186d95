import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An award may take one ballot per member agency instead of one per delegate: the agency's
 * delegates vote collectively, and the first of them to vote casts the agency's ballot. The
 * receipt names the agency then, and a unique index lets only one receipt (so only one sealed
 * ballot) per agency in. The receipt says which agency voted, never how: the choices stay in
 * the sealed pool as before.
 */
export class OneVotePerAgency1767001500000 implements MigrationInterface {
  name = 'OneVotePerAgency1767001500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE awards ADD COLUMN one_vote_per_agency boolean NOT NULL DEFAULT false`);
    await db.query(`ALTER TABLE ballot_receipts ADD COLUMN agency_id uuid REFERENCES agencies(id)`);
    await db.query(
      `CREATE UNIQUE INDEX uq_ballot_receipts_agency ON ballot_receipts (award_id, agency_id) WHERE agency_id IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE ballot_receipts DROP COLUMN agency_id`);
    await db.query(`ALTER TABLE awards DROP COLUMN one_vote_per_agency`);
  }
}
