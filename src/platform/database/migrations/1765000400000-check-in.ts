import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Door check-in: every registration carries a check-in code (what its QR code holds; the
 * personal-link token never leaves the email), and a workshop's door records its own
 * check-ins, one row per delegate and session.
 */
export class CheckIn1765000400000 implements MigrationInterface {
  name = 'CheckIn1765000400000';

  async up(db: QueryRunner): Promise<void> {
    // 12 hex digits (48 random bits from gen_random_uuid's first 6 bytes), upper case for reading aloud.
    await db.query(`
      ALTER TABLE registrations ADD COLUMN check_in_code text NOT NULL
        DEFAULT upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 12))`);
    await db.query(`ALTER TABLE registrations ADD CONSTRAINT uq_registrations_check_in_code UNIQUE (check_in_code)`);
    await db.query(`
      CREATE TABLE session_check_ins (
        session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        registration_id uuid NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
        checked_in_at timestamptz NOT NULL,
        checked_in_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        CONSTRAINT pk_session_check_ins PRIMARY KEY (session_id, registration_id)
      )`);
    await db.query(`CREATE INDEX ix_session_check_ins_registration ON session_check_ins (registration_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE session_check_ins`);
    await db.query(`ALTER TABLE registrations DROP CONSTRAINT uq_registrations_check_in_code`);
    await db.query(`ALTER TABLE registrations DROP COLUMN check_in_code`);
  }
}
