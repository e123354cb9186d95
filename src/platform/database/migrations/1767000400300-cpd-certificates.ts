import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CPD certificates: a verification code per issue, what it certified (minutes, and the
 * sessions as a key, so a change of attendance issues a new one and revokes the old), and no
 * copy of the delegate's name: the public check reads it from the registration, and an
 * erased delegate's certificates are deleted with their data.
 */
export class CpdCertificates1767000400300 implements MigrationInterface {
  name = 'CpdCertificates1767000400300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE cpd_certificates (
         code text PRIMARY KEY CHECK (code ~ '^[A-HJ-NP-Z2-9]{12}$'),
         registration_id uuid NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
         minutes integer NOT NULL CHECK (minutes >= 0),
         sessions_key text NOT NULL,
         issued_at timestamptz NOT NULL,
         revoked_at timestamptz
       )`,
    );
    await db.query(
      `CREATE UNIQUE INDEX uq_cpd_certificates_current ON cpd_certificates (registration_id) WHERE revoked_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE cpd_certificates`);
  }
}
