import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export interface OfficerAgency {
  id: string;
  name: string;
  /** This link officer's row for the agency (who registered a colleague, who nominated). */
  officerId: string;
}

export interface LiveLinkOfficerSession {
  id: string;
  email: string;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface AgencyEventRow {
  id: string;
  slug: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
}

export interface AgencyPlacesRow {
  eventId: string;
  places: number;
  /** Held for the agency; otherwise "up to" that many of the open seats. */
  reserved: boolean;
  releaseAt: Date | null;
  releasedAt: Date | null;
}

export interface ColleagueRow {
  id: string;
  eventId: string;
  name: string;
  status: string;
  attended: boolean;
}

/** The link officers, their sign-in links and sessions, and what an agency's page shows. */
@Injectable()
export class LinkOfficersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The active agencies this address is a link officer of. */
  async agenciesOf(email: string, manager: EntityManager | DataSource = this.db): Promise<OfficerAgency[]> {
    return manager.query(
      `SELECT a.id, a.name, o.id AS "officerId" FROM link_officers o JOIN agencies a ON a.id = o.agency_id
        WHERE o.email = $1 AND a.active ORDER BY a.name`,
      [email],
    );
  }

  async officersOf(agencyId: string): Promise<string[]> {
    const rows = await this.db.query<Array<{ email: string }>>(
      'SELECT email FROM link_officers WHERE agency_id = $1 ORDER BY email',
      [agencyId],
    );
    return rows.map((row) => row.email);
  }

  /** True when they were not a link officer of the agency already. */
  async addOfficer(manager: EntityManager, agencyId: string, email: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'INSERT INTO link_officers (agency_id, email) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id',
      [agencyId, email],
    );
    return rows.length > 0;
  }

  async removeOfficer(manager: EntityManager, agencyId: string, email: string): Promise<void> {
    await manager.query('DELETE FROM link_officers WHERE agency_id = $1 AND email = $2', [agencyId, email]);
  }

  /** Holds one address's sign-in requests in turn until the transaction ends. */
  async lockAddress(manager: EntityManager, email: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`link-officer:${email}`]);
  }

  /** Sign-in links asked for this address since a moment (the per-address limit). */
  async signInsSince(manager: EntityManager, email: string, since: Date): Promise<number> {
    const rows = await manager.query<Array<{ n: number }>>(
      'SELECT count(*)::int AS n FROM link_officer_sign_ins WHERE email = $1 AND created_at >= $2',
      [email, since],
    );
    return rows[0]?.n ?? 0;
  }

  async insertSignIn(manager: EntityManager, tokenHash: string, email: string, expiresAt: Date): Promise<void> {
    await manager.query('INSERT INTO link_officer_sign_ins (token_hash, email, expires_at) VALUES ($1, $2, $3)', [
      tokenHash,
      email,
      expiresAt,
    ]);
  }

  /** Marks an unused, unexpired link used and returns its address; one caller wins. */
  async consumeSignIn(tokenHash: string, now: Date): Promise<string | undefined> {
    const [rows] = await this.db.query<[Array<{ email: string }>, number]>(
      `UPDATE link_officer_sign_ins SET used_at = $2
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
        RETURNING email`,
      [tokenHash, now],
    );
    return rows[0]?.email;
  }

  async insertSession(tokenHash: string, email: string, now: Date, expiresAt: Date): Promise<void> {
    await this.db.query(
      'INSERT INTO link_officer_sessions (token_hash, email, last_seen_at, expires_at) VALUES ($1, $2, $3, $4)',
      [tokenHash, email, now, expiresAt],
    );
  }

  async findSession(tokenHash: string): Promise<LiveLinkOfficerSession | undefined> {
    const rows = await this.db.query<LiveLinkOfficerSession[]>(
      `SELECT id, email, last_seen_at AS "lastSeenAt", expires_at AS "expiresAt"
         FROM link_officer_sessions WHERE token_hash = $1`,
      [tokenHash],
    );
    return rows[0];
  }

  async touchSession(id: string, at: Date): Promise<void> {
    await this.db.query('UPDATE link_officer_sessions SET last_seen_at = $2 WHERE id = $1', [id, at]);
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.query('DELETE FROM link_officer_sessions WHERE id = $1', [id]);
  }

  async deleteSessionByHash(tokenHash: string): Promise<void> {
    await this.db.query('DELETE FROM link_officer_sessions WHERE token_hash = $1', [tokenHash]);
  }

  /** This calendar year's published events. */
  async eventsOfYear(from: Date, to: Date): Promise<AgencyEventRow[]> {
    return this.db.query(
      `SELECT id, slug, title, starts_at AS "startsAt", ends_at AS "endsAt", timezone,
              registration_opens_at AS "registrationOpensAt", registration_closes_at AS "registrationClosesAt"
         FROM events
        WHERE starts_at >= $1 AND starts_at < $2 AND status = 'published'
        ORDER BY starts_at, title`,
      [from, to],
    );
  }

  async publishedEvent(eventId: string): Promise<AgencyEventRow | undefined> {
    const rows = await this.db.query<AgencyEventRow[]>(
      `SELECT id, slug, title, starts_at AS "startsAt", ends_at AS "endsAt", timezone,
              registration_opens_at AS "registrationOpensAt", registration_closes_at AS "registrationClosesAt"
         FROM events WHERE id = $1 AND status = 'published'`,
      [eventId],
    );
    return rows[0];
  }

  /** The agency's places at those events (places per agency), and when the events release unused ones. */
  async placesOf(agencyId: string, eventIds: string[]): Promise<AgencyPlacesRow[]> {
    if (eventIds.length === 0) return [];
    return this.db.query(
      `SELECT p.event_id AS "eventId", p.places, p.reserved,
              e.agency_places_release_at AS "releaseAt", e.agency_places_released_at AS "releasedAt"
         FROM event_agency_places p JOIN events e ON e.id = p.event_id
        WHERE p.agency_id = $1 AND p.event_id = ANY ($2::uuid[])`,
      [agencyId, eventIds],
    );
  }

  /** The agency's people in those events: confirmed or waiting, and whether they were checked in. */
  async colleagues(agencyId: string, eventIds: string[]): Promise<ColleagueRow[]> {
    if (eventIds.length === 0) return [];
    return this.db.query(
      `SELECT id, event_id AS "eventId", name, status, (checked_in_at IS NOT NULL) AS attended
         FROM registrations
        WHERE agency_id = $1 AND event_id = ANY ($2::uuid[]) AND erased_at IS NULL
          AND status IN ('confirmed', 'waitlisted')
        ORDER BY event_id, status, name`,
      [agencyId, eventIds],
    );
  }
}
