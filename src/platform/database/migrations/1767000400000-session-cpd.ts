import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a session is worth as CPD and the short code shown in its room. Attendance itself is
 * the session's check-ins (session_check_ins): the door, the facilitator's list and a
 * delegate typing the room's code all record the same row. A row here exists once someone
 * opened the session's attendance list or set its hours; without one a session counts its
 * length (breaks count nothing, whatever is set).
 */
export class SessionCpd1767000400000 implements MigrationInterface {
  name = 'SessionCpd1767000400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE session_cpd (
         session_id uuid PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
         event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
         cpd_minutes integer CHECK (cpd_minutes IS NULL OR cpd_minutes BETWEEN 0 AND 1440),
         room_code text NOT NULL CHECK (room_code ~ '^[A-HJ-NP-Z2-9]{6}$'),
         CONSTRAINT uq_session_cpd_room_code UNIQUE (event_id, room_code)
       )`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE session_cpd`);
  }
}
