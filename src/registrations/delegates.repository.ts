import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Event } from '../events/event.entity.js';
import { Registration, type RegistrationStatus } from './registration.entity.js';
import {
  CANCEL_REGISTRATION_SQL,
  DUE_AGENCY_RELEASES_SQL,
  INSERT_REGISTRATION_SQL,
  INSERT_REGISTRATION_WITH_AGENCY_PLACES_SQL,
  LOCK_EVENT_SESSIONS_SQL,
  LOCK_EVENT_SQL,
  PROMOTE_NEXT_WAITING_SQL,
  PROMOTE_NEXT_WAITING_WITH_AGENCY_PLACES_SQL,
  RELEASE_AGENCY_PLACES_SQL,
  REPAIR_EVENT_COUNTERS_SQL,
  REPAIR_SESSION_COUNTERS_SQL,
} from './registrations.sql.js';
import { nullableNumber } from './row-values.js';

/** What a capacity decision needs of the event, read under its row lock. */
export interface EventSeats {
  id: string;
  status: string;
  capacity: number;
  perOrganisationCap: number | null;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
  endsAt: Date;
  /** The event holds places per agency, not yet released: seats are decided by pool. */
  agencyPlaces: boolean;
}

export interface NewRegistration {
  eventId: string;
  name: string;
  /** As typed, for sending. */
  email: string;
  /** canonicalEmail(email): what makes two registrations the same mailbox. */
  emailCanonical: string;
  tokenHash: string;
  /** The token sealed with SecretBox, so later emails (confirmation, reminders) can carry the link. */
  tokenSealed: string;
  organisation: string | null;
  /** organisationKey(organisation), or the agency's name's key. */
  organisationKey: string | null;
  agencyId: string | null;
  jobTitle: string | null;
  accessNeeds: string | null;
  dietaryNeeds: string | null;
  consentedAt: Date;
  /** The event's places per agency apply (EventSeats.agencyPlaces). */
  agencyPlaces: boolean;
}

export interface PlacedRegistration {
  id: string;
  status: RegistrationStatus;
  waitlistReason: string | null;
  waitlistPosition: number | null;
  /** Seats are free but people wait for them (the capacity was raised): promote before committing. */
  seatsFreeBehindQueue?: boolean;
}

export interface LockedRegistration {
  id: string;
  tokenHash: string;
  eventId: string;
  email: string;
  name: string;
  organisation: string | null;
  status: RegistrationStatus;
  erasedAt: Date | null;
  tokenSealed: string | null;
}

export interface Promoted {
  id: string;
  email: string;
  tokenHash: string;
}

/**
 * The delegates' own rows: registering, the event's seats and waiting list, the personal
 * link's token, cancelling. Methods that take an EntityManager run inside the caller's
 * transaction; locks are always taken in the order event → registration → workshop (by id),
 * so two transactions never wait on each other in a cycle.
 */
@Injectable()
export class DelegatesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Locks the event row (LOCK_EVENT_SQL): every change to its seats waits here for the one before. */
  async lockEventSeats(manager: EntityManager, eventId: string): Promise<EventSeats | undefined> {
    const rows: Array<Record<string, unknown>> = await manager.query(LOCK_EVENT_SQL, [eventId]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id as string,
      status: row.status as string,
      capacity: Number(row.capacity),
      perOrganisationCap: nullableNumber(row.per_organisation_cap),
      registrationOpensAt: row.registration_opens_at as Date | null,
      registrationClosesAt: row.registration_closes_at as Date | null,
      endsAt: row.ends_at as Date,
      agencyPlaces: row.agency_places === true,
    };
  }

  /**
   * Inserts a registration as confirmed or waitlisted (see INSERT_REGISTRATION_SQL); undefined
   * when that email already holds a live registration for the event.
   */
  async insertRegistration(manager: EntityManager, input: NewRegistration): Promise<PlacedRegistration | undefined> {
    const sql = input.agencyPlaces ? INSERT_REGISTRATION_WITH_AGENCY_PLACES_SQL : INSERT_REGISTRATION_SQL;
    const rows: Array<Record<string, unknown>> = await manager.query(sql, [
      input.eventId,
      input.name,
      input.email,
      input.tokenHash,
      input.organisation,
      input.jobTitle,
      input.accessNeeds,
      input.dietaryNeeds,
      input.consentedAt,
      input.tokenSealed,
      input.emailCanonical,
      input.organisationKey,
      input.agencyId,
    ]);
    const row = rows[0];
    if (!row) return undefined;
    // Counted but not written would leave the counters ahead of the rows: undo the whole transaction.
    if (!row.id) throw new Error('A seat was counted for a registration that was not written');
    return {
      id: row.id as string,
      status: row.status as RegistrationStatus,
      waitlistReason: row.waitlist_reason as string | null,
      waitlistPosition: nullableNumber(row.waitlist_position),
      seatsFreeBehindQueue: row.seats_free_behind_queue === true,
    };
  }

  /** A registration's status and place in the queue, read inside the caller's transaction. */
  async placeOf(manager: EntityManager, id: string): Promise<PlacedRegistration> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT r.id, r.status, r.waitlist_reason,
              CASE WHEN r.status = 'waitlisted' THEN (
                SELECT count(*) FROM registrations w
                WHERE w.event_id = r.event_id AND w.status = 'waitlisted' AND w.waitlist_seq <= r.waitlist_seq
              ) END AS waitlist_position
       FROM registrations r WHERE r.id = $1`,
      [id],
    );
    const row = rows[0];
    return {
      id: row.id as string,
      status: row.status as RegistrationStatus,
      waitlistReason: row.waitlist_reason as string | null,
      waitlistPosition: nullableNumber(row.waitlist_position),
    };
  }

  async lockRegistration(manager: EntityManager, id: string): Promise<LockedRegistration | undefined> {
    const rows: LockedRegistration[] = await manager.query(
      `SELECT id, event_id AS "eventId", email, name, organisation, status, erased_at AS "erasedAt", token_hash AS "tokenHash",
              token_sealed AS "tokenSealed"
       FROM registrations WHERE id = $1 FOR NO KEY UPDATE`,
      [id],
    );
    return rows[0];
  }

  findRegistration(id: string): Promise<Registration | null> {
    return this.db.getRepository(Registration).findOne({ where: { id } });
  }

  findEvent(id: string): Promise<Event | null> {
    return this.db.getRepository(Event).findOne({ where: { id } });
  }

  /** The registration of this mailbox (its canonical email) for the event, unless erased. */
  async findIdByMailbox(
    eventId: string,
    emailCanonical: string,
    manager: EntityManager = this.db.manager,
  ): Promise<string | undefined> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT id FROM registrations WHERE event_id = $1 AND email_canonical = $2 AND erased_at IS NULL`,
      [eventId, emailCanonical],
    );
    return rows[0]?.id;
  }

  async waitlistPosition(eventId: string, registrationId: string): Promise<number | null> {
    const rows: Array<{ position: string }> = await this.db.query(
      `SELECT count(*) AS position FROM registrations w, registrations r
       WHERE r.id = $2 AND r.status = 'waitlisted'
         AND w.event_id = $1 AND w.status = 'waitlisted' AND w.waitlist_seq <= r.waitlist_seq`,
      [eventId, registrationId],
    );
    const position = Number(rows[0]?.position ?? 0);
    return position > 0 ? position : null;
  }

  /**
   * Confirms the first on the waiting list whose organisation is under the event's cap, if a
   * seat is free (PROMOTE_NEXT_WAITING_SQL). Call with the event row locked.
   */
  async promoteNextWaiting(manager: EntityManager, event: EventSeats): Promise<Promoted | undefined> {
    const sql = event.agencyPlaces ? PROMOTE_NEXT_WAITING_WITH_AGENCY_PLACES_SQL : PROMOTE_NEXT_WAITING_SQL;
    const result: [Promoted[], number] = await manager.query(sql, [event.id]);
    return result[0][0];
  }

  /** The events whose agency places are due for release at `now`. */
  async dueAgencyReleases(now: Date): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(DUE_AGENCY_RELEASES_SQL, [now]);
    return rows.map((row) => row.id);
  }

  /** Releases the event's agency places if due (RELEASE_AGENCY_PLACES_SQL); false if it was done already. Call with the event locked. */
  async releaseAgencyPlaces(manager: EntityManager, eventId: string, now: Date): Promise<boolean> {
    const rows: unknown[] = await manager.query(RELEASE_AGENCY_PLACES_SQL, [eventId, now]);
    return rows.length > 0;
  }

  /** Cancels and gives the seat or queue place back to the event's counters. Call with the registration locked. */
  async markCancelled(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.query(CANCEL_REGISTRATION_SQL, [id, at]);
  }

  /**
   * Recomputes the event's and its workshops' seat counters from the rows (they agree unless
   * rows were written around these repositories); true if any counter was wrong.
   */
  repairSeatCounters(eventId: string): Promise<boolean> {
    return this.transaction(async (manager) => {
      await manager.query(LOCK_EVENT_SQL, [eventId]);
      const [events]: [unknown[], number] = await manager.query(REPAIR_EVENT_COUNTERS_SQL, [eventId]);
      await manager.query(LOCK_EVENT_SESSIONS_SQL, [eventId]);
      const [sessions]: [unknown[], number] = await manager.query(REPAIR_SESSION_COUNTERS_SQL, [eventId]);
      return events.length + sessions.length > 0;
    });
  }

  async rotateToken(manager: EntityManager, id: string, tokenHash: string, tokenSealed: string): Promise<void> {
    await manager.query(
      `UPDATE registrations SET token_hash = $2, token_sealed = $3, updated_at = now() WHERE id = $1`,
      [id, tokenHash, tokenSealed],
    );
  }
}
