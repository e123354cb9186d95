import type { MigrationInterface, QueryRunner } from 'typeorm';
import { organisationKey } from '../../text/organisation-key.js';

/**
 * The network's member agencies, and a registration's link to one. A registration keeps the
 * organisation as typed; organisation_key is that text compared the one way
 * (organisationKey), and organisation_party is who counts together for the per-organisation
 * cap: the agency when the registration has one, else the compared text. Existing
 * registrations get their key here (computed by the same function the application uses);
 * they are matched to agencies whenever agencies are imported or added.
 */
export class Agencies1767000500000 implements MigrationInterface {
  name = 'Agencies1767000500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE agencies (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
         name_key text NOT NULL,
         aliases text[] NOT NULL DEFAULT '{}',
         alias_keys text[] NOT NULL DEFAULT '{}',
         kind text CHECK (kind IS NULL OR kind IN ('local_authority', 'nhs_trust', 'voluntary', 'university', 'police', 'housing', 'other')),
         region text,
         link_officer_email text,
         active boolean NOT NULL DEFAULT true,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT uq_agencies_name_key UNIQUE (name_key)
       )`,
    );
    await db.query(`CREATE INDEX ix_agencies_alias_keys ON agencies USING gin (alias_keys)`);
    await db.query(
      `ALTER TABLE registrations
         ADD COLUMN organisation_key text,
         ADD COLUMN agency_id uuid REFERENCES agencies(id) ON DELETE SET NULL,
         ADD COLUMN organisation_party text GENERATED ALWAYS AS (coalesce(agency_id::text, organisation_key)) STORED`,
    );
    await db.query(
      `CREATE INDEX ix_registrations_party ON registrations (event_id, organisation_party) WHERE status = 'confirmed'`,
    );
    const texts = (await db.query(
      `SELECT DISTINCT organisation FROM registrations WHERE organisation IS NOT NULL`,
    )) as Array<{ organisation: string }>;
    for (const { organisation } of texts) {
      await db.query(`UPDATE registrations SET organisation_key = $2 WHERE organisation = $1`, [
        organisation,
        organisationKey(organisation),
      ]);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE registrations DROP COLUMN organisation_party, DROP COLUMN agency_id, DROP COLUMN organisation_key`);
    await db.query(`DROP TABLE agencies`);
  }
}
