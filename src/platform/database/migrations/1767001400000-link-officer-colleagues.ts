import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A link officer acting for colleagues: who registered a colleague (or passed a place on to
 * them), and nominations by a link officer beside those by delegates. A nomination names one
 * kind of nominator; its id may later be gone (an erased delegate, a link officer who handed
 * the role on: ON DELETE SET NULL), so the kind is kept on its own and the agency with it,
 * and the organisers still read "Link officer, <agency>".
 */
export class LinkOfficerColleagues1767001400000 implements MigrationInterface {
  name = 'LinkOfficerColleagues1767001400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE registrations
         ADD COLUMN registered_by_link_officer_id uuid REFERENCES link_officers(id) ON DELETE SET NULL`,
    );
    await db.query(
      `CREATE INDEX ix_registrations_registered_by_link_officer ON registrations (registered_by_link_officer_id)
       WHERE registered_by_link_officer_id IS NOT NULL`,
    );
    await db.query(
      `ALTER TABLE award_nominations
         ADD COLUMN nominator_kind text NOT NULL DEFAULT 'delegate',
         ADD COLUMN nominated_by_link_officer_id uuid REFERENCES link_officers(id) ON DELETE SET NULL,
         ADD COLUMN nominated_by_agency_id uuid REFERENCES agencies(id) ON DELETE SET NULL,
         ADD CONSTRAINT ck_award_nominations_one_nominator CHECK (
           (nominator_kind = 'delegate' AND nominated_by_link_officer_id IS NULL AND nominated_by_agency_id IS NULL)
           OR (nominator_kind = 'link_officer' AND nominated_by_id IS NULL))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE award_nominations DROP CONSTRAINT ck_award_nominations_one_nominator,
         DROP COLUMN nominated_by_agency_id, DROP COLUMN nominated_by_link_officer_id, DROP COLUMN nominator_kind`,
    );
    await db.query(`DROP INDEX ix_registrations_registered_by_link_officer`);
    await db.query(`ALTER TABLE registrations DROP COLUMN registered_by_link_officer_id`);
  }
}
