import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** One agency's places at an event, with how many of its delegates hold a seat now. */
export interface AgencyPlaces {
  agencyId: string;
  agencyName: string;
  places: number;
  /** Held for the agency ("a number"); otherwise only a cap on what it may take ("up to"). */
  reserved: boolean;
  held: number;
  waiting: number;
}

export interface AgencyPlacesRelease {
  releaseAt: Date | null;
  releasedAt: Date | null;
}

/** The event's places per agency (event_agency_places) and their release date. */
@Injectable()
export class AgencyPlacesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(eventId: string): Promise<AgencyPlaces[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT p.agency_id, a.name, p.places, p.reserved,
              count(r.id) FILTER (WHERE r.status = 'confirmed')::int AS held,
              count(r.id) FILTER (WHERE r.status = 'waitlisted')::int AS waiting
       FROM event_agency_places p
       JOIN agencies a ON a.id = p.agency_id
       LEFT JOIN registrations r ON r.event_id = p.event_id AND r.agency_id = p.agency_id
       WHERE p.event_id = $1
       GROUP BY p.agency_id, a.name, p.places, p.reserved
       ORDER BY a.name`,
      [eventId],
    );
    return rows.map((row) => ({
      agencyId: row.agency_id as string,
      agencyName: row.name as string,
      places: Number(row.places),
      reserved: row.reserved === true,
      held: Number(row.held),
      waiting: Number(row.waiting),
    }));
  }

  async release(eventId: string, manager: EntityManager = this.db.manager): Promise<AgencyPlacesRelease> {
    const rows: Array<{ release_at: Date | null; released_at: Date | null }> = await manager.query(
      `SELECT agency_places_release_at AS release_at, agency_places_released_at AS released_at FROM events WHERE id = $1`,
      [eventId],
    );
    return { releaseAt: rows[0]?.release_at ?? null, releasedAt: rows[0]?.released_at ?? null };
  }

  /** The places reserved at the event for every agency but `except`. */
  async reservedExcept(manager: EntityManager, eventId: string, except: string): Promise<number> {
    const rows: Array<{ places: number }> = await manager.query(
      `SELECT coalesce(sum(places), 0)::int AS places FROM event_agency_places
       WHERE event_id = $1 AND reserved AND agency_id <> $2`,
      [eventId, except],
    );
    return rows[0]?.places ?? 0;
  }

  async upsert(
    manager: EntityManager,
    eventId: string,
    agencyId: string,
    places: number,
    reserved: boolean,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO event_agency_places (event_id, agency_id, places, reserved) VALUES ($1, $2, $3, $4)
       ON CONFLICT (event_id, agency_id) DO UPDATE SET places = EXCLUDED.places, reserved = EXCLUDED.reserved, updated_at = now()`,
      [eventId, agencyId, places, reserved],
    );
  }

  async remove(manager: EntityManager, eventId: string, agencyId: string): Promise<boolean> {
    const [, removed]: [unknown, number] = await manager.query(
      `DELETE FROM event_agency_places WHERE event_id = $1 AND agency_id = $2`,
      [eventId, agencyId],
    );
    return removed > 0;
  }

  async setReleaseAt(manager: EntityManager, eventId: string, at: Date | null): Promise<void> {
    await manager.query(`UPDATE events SET agency_places_release_at = $2 WHERE id = $1`, [eventId, at]);
  }
}
