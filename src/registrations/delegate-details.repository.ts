import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { organisationKey } from '../platform/text/organisation-key.js';

export interface DelegateDetails {
  name: string;
  organisation: string | null;
  jobTitle: string | null;
  accessNeeds: string | null;
  dietaryNeeds: string | null;
}

/** The delegate's own details (the fields they may change from their personal page). */
@Injectable()
export class DelegateDetailsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Whether the event holds places per organisation: a cap, or places per agency not yet
   * released. Then a delegate's organisation is not theirs to change (their seat counts in it).
   */
  async organisationCapped(eventId: string): Promise<boolean> {
    const rows = await this.db.query<Array<{ capped: boolean }>>(
      `SELECT per_organisation_cap IS NOT NULL OR (agency_places_released_at IS NULL
                AND EXISTS (SELECT 1 FROM event_agency_places p WHERE p.event_id = e.id)) AS capped
         FROM events e WHERE id = $1`,
      [eventId],
    );
    return rows[0]?.capped ?? false;
  }

  /** Changes the details of a live registration; false when it is cancelled or erased. */
  async update(registrationId: string, details: DelegateDetails): Promise<boolean> {
    // An UPDATE answers [rows, affected count].
    const [rows] = await this.db.query<[unknown[], number]>(
      `UPDATE registrations
          SET name = $2, organisation = $3, job_title = $4, access_needs = $5, dietary_needs = $6, updated_at = now(),
              agency_id = CASE WHEN organisation_key IS DISTINCT FROM $7 THEN NULL ELSE agency_id END,
              organisation_key = $7
        WHERE id = $1 AND status <> 'cancelled' AND erased_at IS NULL
        RETURNING id`,
      [
        registrationId,
        details.name,
        details.organisation,
        details.jobTitle,
        details.accessNeeds,
        details.dietaryNeeds,
        organisationKey(details.organisation),
      ],
    );
    return rows.length === 1;
  }
}
