import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delegates who stopped an event's reminders and follow-ups (the one-click List-Unsubscribe
 * link in those emails). A row per registration; it goes with the registration.
 */
export class ReminderOptOuts1766000500100 implements MigrationInterface {
  name = 'ReminderOptOuts1766000500100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE reminder_opt_outs (
         registration_id uuid PRIMARY KEY REFERENCES registrations(id) ON DELETE CASCADE,
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE reminder_opt_outs`);
  }
}
