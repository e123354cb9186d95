import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A delegate's reflection on a session they attended ("what I learned, how I will use it"),
 * part of their CPD record. It is the delegate's own: read and written only through their
 * personal link, never shown to the team or on the certificate, and deleted with the rest
 * of their data when they are erased.
 */
export class SessionReflections1767001100000 implements MigrationInterface {
  name = 'SessionReflections1767001100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE session_reflections (
         registration_id uuid NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
         session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
         learned text NOT NULL CHECK (length(learned) <= 2000),
         applying text NOT NULL CHECK (length(applying) <= 2000),
         updated_at timestamptz NOT NULL,
         PRIMARY KEY (registration_id, session_id),
         CHECK (length(learned) + length(applying) > 0)
       )`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE session_reflections`);
  }
}
