import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Browser sessions of staff (the sign-in page's cookie). Only the token's SHA-256 is kept.
 * A session carries the account's token version when it began, so sign-out everywhere, a
 * password change and deactivation end it with the bearer tokens.
 */
export class StaffSessions1766000100100 implements MigrationInterface {
  name = 'StaffSessions1766000100100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE staff_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash text NOT NULL CONSTRAINT uq_staff_sessions_token UNIQUE,
        token_version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX ix_staff_sessions_user ON staff_sessions (user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE staff_sessions`);
  }
}
