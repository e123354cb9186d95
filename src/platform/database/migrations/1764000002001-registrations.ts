import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Arrival order for the event and workshop waiting lists (global sequences: only the
 * order matters, the position shown is a rank), and the indexes the capacity
 * decisions read while they hold the event or workshop row lock.
 */
export class Registrations1764000002001 implements MigrationInterface {
  name = 'Registrations1764000002001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE registrations_waitlist_seq`);
    await db.query(`CREATE SEQUENCE session_signups_waitlist_seq`);
    await db.query(
      `CREATE INDEX ix_registrations_event_organisation_confirmed
         ON registrations (event_id, lower(btrim(organisation))) WHERE status = 'confirmed'`,
    );
    await db.query(
      `CREATE INDEX ix_registrations_event_waitlist ON registrations (event_id, waitlist_seq) WHERE status = 'waitlisted'`,
    );
    await db.query(`CREATE INDEX ix_registrations_event_created ON registrations (event_id, created_at, id)`);
    await db.query(
      `CREATE INDEX ix_session_signups_session_status ON session_signups (session_id, status, waitlist_seq)`,
    );
    await db.query(
      `ALTER TABLE registrations ADD CONSTRAINT ck_registrations_waitlist_reason
         CHECK (waitlist_reason IS NULL OR status = 'waitlisted')`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE registrations DROP CONSTRAINT ck_registrations_waitlist_reason`);
    await db.query(`DROP INDEX ix_session_signups_session_status`);
    await db.query(`DROP INDEX ix_registrations_event_created`);
    await db.query(`DROP INDEX ix_registrations_event_waitlist`);
    await db.query(`DROP INDEX ix_registrations_event_organisation_confirmed`);
    await db.query(`DROP SEQUENCE session_signups_waitlist_seq`);
    await db.query(`DROP SEQUENCE registrations_waitlist_seq`);
  }
}
