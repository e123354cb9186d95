import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Link officers (by canonical email, one or more per agency), their single-use sign-in links
 * and their browser sessions; only a hash of each link's and session's token is kept. An
 * agency's link officer email (set by the CSV import or edit) becomes a link officer when it
 * is not one already: the trigger keeps that so without the agencies folder knowing.
 */
export class LinkOfficers1767001000000 implements MigrationInterface {
  name = 'LinkOfficers1767001000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE link_officers (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
         email text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
         created_at timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT uq_link_officers_agency_email UNIQUE (agency_id, email)
       )`,
    );
    await db.query(`CREATE INDEX ix_link_officers_email ON link_officers (email)`);
    await db.query(
      `CREATE TABLE link_officer_sign_ins (
         token_hash text PRIMARY KEY,
         email text NOT NULL,
         expires_at timestamptz NOT NULL,
         used_at timestamptz,
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    await db.query(`CREATE INDEX ix_link_officer_sign_ins_email ON link_officer_sign_ins (email, created_at)`);
    await db.query(
      `CREATE TABLE link_officer_sessions (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         token_hash text NOT NULL UNIQUE,
         email text NOT NULL,
         last_seen_at timestamptz NOT NULL DEFAULT now(),
         expires_at timestamptz NOT NULL
       )`,
    );
    await db.query(
      `CREATE FUNCTION agency_link_officer_kept() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW.link_officer_email IS NOT NULL AND NEW.link_officer_email <> '' THEN
           INSERT INTO link_officers (agency_id, email) VALUES (NEW.id, lower(NEW.link_officer_email))
           ON CONFLICT DO NOTHING;
         END IF;
         RETURN NEW;
       END $$`,
    );
    await db.query(
      `CREATE TRIGGER tr_agency_link_officer AFTER INSERT OR UPDATE OF link_officer_email ON agencies
       FOR EACH ROW EXECUTE FUNCTION agency_link_officer_kept()`,
    );
    await db.query(
      `INSERT INTO link_officers (agency_id, email)
       SELECT id, lower(link_officer_email) FROM agencies WHERE coalesce(link_officer_email, '') <> ''
       ON CONFLICT DO NOTHING`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER tr_agency_link_officer ON agencies`);
    await db.query(`DROP FUNCTION agency_link_officer_kept()`);
    await db.query(`DROP TABLE link_officer_sessions`);
    await db.query(`DROP TABLE link_officer_sign_ins`);
    await db.query(`DROP TABLE link_officers`);
  }
}
