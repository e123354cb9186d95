import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Places per agency at an event. `reserved` places are held for the agency (its delegates take
 * them, and only them, until the release); "up to" places (`reserved` false) only cap what the
 * agency's delegates may take from the open seats. The seats nobody has reserved are open to
 * all. At agency_places_release_at the unused reservations go back to the open seats and the
 * waiting list is promoted; agency_places_released_at records that it was done, so the
 * allocations apply until then and never again.
 */
export class AgencyPlaces1767001200000 implements MigrationInterface {
  name = 'AgencyPlaces1767001200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE event_agency_places (
         event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
         agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
         places integer NOT NULL CHECK (places BETWEEN 1 AND 100000),
         reserved boolean NOT NULL,
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (event_id, agency_id)
       )`,
    );
    await db.query(
      `ALTER TABLE events
         ADD COLUMN agency_places_release_at timestamptz,
         ADD COLUMN agency_places_released_at timestamptz`,
    );
    await db.query(
      `CREATE INDEX ix_events_agency_places_release ON events (agency_places_release_at)
         WHERE agency_places_release_at IS NOT NULL AND agency_places_released_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE events DROP COLUMN agency_places_released_at, DROP COLUMN agency_places_release_at`);
    await db.query(`DROP TABLE event_agency_places`);
  }
}
