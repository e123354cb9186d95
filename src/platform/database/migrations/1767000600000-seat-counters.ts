import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seats counted in the event's (and each workshop's) own row, so a registration reads and
 * claims its seat in O(1) instead of counting the rows under the event's lock. The counters
 * change in the same statement as the registration or sign-up that changes them; the seat claim
 * is a conditional `confirmed_count < capacity` increment and the check constraint backs it.
 *
 * An organiser may lower the capacity below the seats already given (those delegates keep
 * them, nobody new gets one): `seats_held_over` is how many confirmed seats stand above the
 * capacity, set by the trigger whenever the capacity changes or a seat is given up, never by a
 * claim, so `confirmed_count <= capacity + seats_held_over` still refuses any claim past the
 * capacity.
 */
export class SeatCounters1767000600000 implements MigrationInterface {
  name = 'SeatCounters1767000600000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of ['events', 'sessions']) {
      await db.query(
        `ALTER TABLE ${table}
           ADD COLUMN confirmed_count integer NOT NULL DEFAULT 0,
           ADD COLUMN waiting_count integer NOT NULL DEFAULT 0,
           ADD COLUMN seats_held_over integer NOT NULL DEFAULT 0`,
      );
    }
    await db.query(
      `UPDATE events e SET confirmed_count = c.confirmed, waiting_count = c.waiting,
         seats_held_over = greatest(c.confirmed - e.capacity, 0)
       FROM (SELECT event_id, count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed,
                    count(*) FILTER (WHERE status = 'waitlisted')::int AS waiting
             FROM registrations GROUP BY event_id) c
       WHERE c.event_id = e.id`,
    );
    await db.query(
      `UPDATE sessions s SET confirmed_count = c.confirmed, waiting_count = c.waiting,
         seats_held_over = greatest(c.confirmed - coalesce(s.capacity, c.confirmed), 0)
       FROM (SELECT session_id, count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed,
                    count(*) FILTER (WHERE status = 'waitlisted')::int AS waiting
             FROM session_signups GROUP BY session_id) c
       WHERE c.session_id = s.id`,
    );
    await db.query(
      `CREATE FUNCTION seats_held_over() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         NEW.seats_held_over := greatest(NEW.confirmed_count - coalesce(NEW.capacity, NEW.confirmed_count), 0);
         RETURN NEW;
       END $$`,
    );
    for (const table of ['events', 'sessions']) {
      await db.query(
        `ALTER TABLE ${table}
           ADD CONSTRAINT ck_${table}_seat_counters CHECK (
             confirmed_count >= 0 AND waiting_count >= 0 AND seats_held_over >= 0
             AND (capacity IS NULL OR confirmed_count <= capacity + seats_held_over))`,
      );
      // Only a capacity change or a seat given up re-derives it; a claim (the hot path) fires nothing.
      await db.query(
        `CREATE TRIGGER tg_${table}_seats_held_over BEFORE UPDATE OF capacity, confirmed_count ON ${table}
         FOR EACH ROW WHEN (NEW.capacity IS DISTINCT FROM OLD.capacity OR NEW.confirmed_count < OLD.confirmed_count)
         EXECUTE FUNCTION seats_held_over()`,
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['events', 'sessions']) {
      await db.query(`DROP TRIGGER tg_${table}_seats_held_over ON ${table}`);
      await db.query(
        `ALTER TABLE ${table} DROP CONSTRAINT ck_${table}_seat_counters,
           DROP COLUMN confirmed_count, DROP COLUMN waiting_count, DROP COLUMN seats_held_over`,
      );
    }
    await db.query(`DROP FUNCTION seats_held_over()`);
  }
}
