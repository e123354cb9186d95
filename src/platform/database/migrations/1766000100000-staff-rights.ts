import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff rights that end: an account can be deactivated, and every staff token carries the
 * account's token version, which sign-out, a password change and deactivation bump, so the
 * tokens signed before stop working on every process at once.
 */
export class StaffRights1766000100000 implements MigrationInterface {
  name = 'StaffRights1766000100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true`);
    await db.query(`ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP COLUMN token_version`);
    await db.query(`ALTER TABLE users DROP COLUMN active`);
  }
}
