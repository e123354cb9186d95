import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { RegistrationStatus } from './registration.entity.js';
import { LOCK_EVENT_SQL } from './registrations.sql.js';

/** A colleague's registration as their agency's link officer sees it. */
export interface ColleagueRegistration {
  id: string;
  eventId: string;
  eventTitle: string;
  name: string;
  status: RegistrationStatus;
}

/** The place being passed on, read with its row locked. */
export interface HeldPlace {
  id: string;
  eventId: string;
  eventTitle: string;
  email: string;
  tokenHash: string;
  status: RegistrationStatus;
  waitlistSeq: string | null;
  waitlistReason: string | null;
  organisation: string | null;
  organisationKey: string | null;
}

export interface NewHolder {
  name: string;
  email: string;
  emailCanonical: string;
  tokenHash: string;
  tokenSealed: string;
  jobTitle: string | null;
  accessNeeds: string | null;
  dietaryNeeds: string | null;
  consentedAt: Date;
  agencyId: string;
  linkOfficerId: string;
}

/**
 * What a link officer does for their agency's colleagues: who registered them, and passing a
 * held place (a seat or a place in the queue) from one colleague to another. The hand-over
 * moves the place between two rows and leaves the event's seat counters as they were: one
 * seat (or queue place) is given up and the same one taken, in one transaction, with the
 * locks in DelegatesRepository's order (event → registration).
 */
@Injectable()
export class ColleagueRegistrationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Marks a registration as one this link officer made (or passed a place on to). */
  async markRegisteredBy(registrationId: string, linkOfficerId: string): Promise<void> {
    await this.db.query(
      'UPDATE registrations SET registered_by_link_officer_id = $2, updated_at = now() WHERE id = $1',
      [registrationId, linkOfficerId],
    );
  }

  /** A live (confirmed or waiting) registration of the agency, else undefined: not theirs to see. */
  async colleague(registrationId: string, agencyId: string): Promise<ColleagueRegistration | undefined> {
    const rows = await this.db.query<ColleagueRegistration[]>(
      `SELECT r.id, r.event_id AS "eventId", e.title AS "eventTitle", r.name, r.status
         FROM registrations r JOIN events e ON e.id = r.event_id
        WHERE r.id = $1 AND r.agency_id = $2 AND r.erased_at IS NULL AND r.status IN ('confirmed', 'waitlisted')`,
      [registrationId, agencyId],
    );
    return rows[0];
  }

  /** The event of a registration (to lock the event before the registration). */
  async eventOf(registrationId: string): Promise<string | undefined> {
    const rows = await this.db.query<Array<{ eventId: string }>>(
      'SELECT event_id AS "eventId" FROM registrations WHERE id = $1',
      [registrationId],
    );
    return rows[0]?.eventId;
  }

  /** Locks the event's seats (the same statement as every seat change). */
  async lockEvent(
    manager: EntityManager,
    eventId: string,
  ): Promise<{ id: string; status: string; endsAt: Date } | undefined> {
    const rows: Array<{ id: string; status: string; ends_at: Date }> = await manager.query(LOCK_EVENT_SQL, [eventId]);
    const row = rows[0];
    return row ? { id: row.id, status: row.status, endsAt: row.ends_at } : undefined;
  }

  /** The agency's live registration in that event, locked. */
  async lockHeldPlace(
    manager: EntityManager,
    registrationId: string,
    eventId: string,
    agencyId: string,
  ): Promise<HeldPlace | undefined> {
    const rows: HeldPlace[] = await manager.query(
      `SELECT id, event_id AS "eventId", (SELECT title FROM events WHERE id = event_id) AS "eventTitle", email, token_hash AS "tokenHash", status, waitlist_seq AS "waitlistSeq",
              waitlist_reason AS "waitlistReason", organisation, organisation_key AS "organisationKey"
         FROM registrations
        WHERE id = $1 AND event_id = $2 AND agency_id = $3 AND erased_at IS NULL
          AND status IN ('confirmed', 'waitlisted')
        FOR NO KEY UPDATE`,
      [registrationId, eventId, agencyId],
    );
    return rows[0];
  }

  /** The event's registration of this mailbox (cancelled ones too), locked; undefined if none. */
  async lockMailbox(
    manager: EntityManager,
    eventId: string,
    emailCanonical: string,
  ): Promise<{ id: string; status: RegistrationStatus; erased: boolean } | undefined> {
    const rows: Array<{ id: string; status: RegistrationStatus; erased: boolean }> = await manager.query(
      `SELECT id, status, erased_at IS NOT NULL AS erased FROM registrations
        WHERE event_id = $1 AND email_canonical = $2 FOR NO KEY UPDATE`,
      [eventId, emailCanonical],
    );
    return rows[0];
  }

  /**
   * The old holder gives the place up without the counters hearing of it: the new holder takes
   * the very same seat or queue place next (takeOver), so the counters stay right. Their
   * personal link stops working: the token is replaced by one nobody holds.
   */
  async giveUp(manager: EntityManager, registrationId: string, at: Date, deadTokenHash: string): Promise<void> {
    await manager.query(
      `UPDATE registrations SET status = 'cancelled', waitlist_seq = NULL, waitlist_reason = NULL,
         cancelled_at = $2, token_hash = $3, token_sealed = NULL, updated_at = now()
       WHERE id = $1`,
      [registrationId, at, deadTokenHash],
    );
  }

  /**
   * The new holder takes the place given up: its status, its place in the queue (waitlist_seq)
   * and its reason. A cancelled registration of the same mailbox is reused, as registering
   * again does (one row per mailbox and event). Returns the new holder's id.
   */
  async takeOver(
    manager: EntityManager,
    place: HeldPlace,
    holder: NewHolder,
    reuse: string | undefined,
  ): Promise<string> {
    const values = [
      place.eventId,
      holder.name,
      holder.email,
      holder.emailCanonical,
      holder.tokenHash,
      holder.tokenSealed,
      place.organisation,
      place.organisationKey,
      holder.agencyId,
      holder.jobTitle,
      holder.accessNeeds,
      holder.dietaryNeeds,
      holder.consentedAt,
      place.status,
      place.waitlistSeq,
      place.waitlistReason,
      holder.linkOfficerId,
    ];
    if (reuse) {
      const [rows]: [Array<{ id: string }>, number] = await manager.query(
        `UPDATE registrations SET name = $2, email = $3, email_canonical = $4, token_hash = $5, token_sealed = $6,
           organisation = $7, organisation_key = $8, agency_id = $9, job_title = $10, access_needs = $11,
           dietary_needs = $12, consented_at = $13, status = $14, waitlist_seq = $15, waitlist_reason = $16,
           registered_by_link_officer_id = $17, cancelled_at = NULL, checked_in_at = NULL, checked_in_by_id = NULL,
           link_used_at = NULL, updated_at = now()
         WHERE id = $18 AND event_id = $1 AND status = 'cancelled' AND erased_at IS NULL
         RETURNING id`,
        [...values, reuse],
      );
      if (!rows[0]) throw new Error('The cancelled registration to reuse is gone');
      return rows[0].id;
    }
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO registrations (event_id, name, email, email_canonical, token_hash, token_sealed, organisation,
         organisation_key, agency_id, job_title, access_needs, dietary_needs, consented_at, status, waitlist_seq,
         waitlist_reason, registered_by_link_officer_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       RETURNING id`,
      values,
    );
    return rows[0].id;
  }

  /** Where a waiting registration stands in the queue now (1 = next), read in the transaction. */
  async queuePosition(manager: EntityManager, registrationId: string): Promise<number | null> {
    const rows: Array<{ position: number }> = await manager.query(
      `SELECT count(*)::int AS position FROM registrations w, registrations r
        WHERE r.id = $1 AND r.status = 'waitlisted'
          AND w.event_id = r.event_id AND w.status = 'waitlisted' AND w.waitlist_seq <= r.waitlist_seq`,
      [registrationId],
    );
    const position = rows[0]?.position ?? 0;
    return position > 0 ? position : null;
  }
}
