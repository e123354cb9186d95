import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Event } from '../events/event.entity.js';
import { Registration, type RegistrationStatus } from './registration.entity.js';
import { INSERT_REGISTRATION_SQL, LOCK_EVENT_SQL, READ_EVENT_SQL } from './registrations.sql.js';
import { containsPattern } from './search-pattern.js';
import type { SignupStatus } from './session-signup.entity.js';

/** What a capacity decision needs of the event, read under its row lock. */
export interface EventSeats {
  id: string;
  status: string;
  capacity: number;
  perOrganisationCap: number | null;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
  endsAt: Date;
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
  jobTitle: string | null;
  accessNeeds: string | null;
  dietaryNeeds: string | null;
  consentedAt: Date;
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
  status: RegistrationStatus;
  erasedAt: Date | null;
  tokenSealed: string | null;
}

export interface Promoted {
  id: string;
  email: string;
  tokenHash: string;
}

export interface WorkshopSeats {
  id: string;
  eventId: string;
  title: string;
  kind: string;
  status: string;
  capacity: number | null;
  startsAt: Date;
  endsAt: Date;
}

export interface SignupRow {
  id: string;
  sessionId: string;
  status: SignupStatus;
  waitlistPosition: number | null;
}

export interface DelegateSignupRow extends SignupRow {
  title: string;
  startsAt: Date;
  endsAt: Date;
  room: string | null;
  sessionStatus: string;
}

export interface WorkshopListing {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  room: string | null;
  capacity: number | null;
  taken: number;
}

export interface PromotedSignup {
  id: string;
  registrationId: string;
  email: string;
}

/** One row of the organisers' list and CSV export. */
export interface AttendeeRow {
  id: string;
  name: string;
  email: string;
  organisation: string | null;
  jobTitle: string | null;
  accessNeeds: string | null;
  dietaryNeeds: string | null;
  status: RegistrationStatus;
  waitlistPosition: number | null;
  waitlistReason: string | null;
  checkedInAt: Date | null;
  checkedInById: string | null;
  cancelledAt: Date | null;
  erasedAt: Date | null;
  createdAt: Date;
}

export interface AttendeeFilter {
  status?: RegistrationStatus;
  q?: string;
  /** At the event's door. */
  checkedIn?: boolean;
  /** Holding a place (or a place in the queue) in this workshop. */
  sessionId?: string;
}

/** An email the outbox holds for a delegate, as their organisers see it. */
export interface DelegateMailRow {
  id: string;
  kind: string;
  status: string;
  sendAt: Date;
  sentAt: Date | null;
  lastError: string | null;
}

const ATTENDEE_COLUMNS = `
  r.id, r.name, r.email, r.organisation, r.job_title AS "jobTitle", r.access_needs AS "accessNeeds",
  r.dietary_needs AS "dietaryNeeds", r.status, w.position AS "waitlistPosition",
  r.waitlist_reason AS "waitlistReason", r.checked_in_at AS "checkedInAt", r.checked_in_by_id AS "checkedInById",
  r.cancelled_at AS "cancelledAt", r.erased_at AS "erasedAt", r.created_at AS "createdAt"`;

/** The waiting list's positions: rank by arrival among those still waiting (1..n, no gaps). */
const WAITLIST_POSITIONS = `
  LEFT JOIN (
    SELECT id, row_number() OVER (ORDER BY waitlist_seq) AS position
    FROM registrations WHERE event_id = $1 AND status = 'waitlisted'
  ) w ON w.id = r.id`;

const toNumber = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/**
 * Every query of the registrations module. Methods that take an EntityManager run inside
 * the caller's transaction; locks are always taken in the order event → registration →
 * workshop (by id), so two transactions never wait on each other in a cycle.
 */
@Injectable()
export class RegistrationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Locks the event row (FOR UPDATE) unless the test-only control switch is on. */
  async lockEventSeats(manager: EntityManager, eventId: string, lock = true): Promise<EventSeats | undefined> {
    const rows: Array<Record<string, unknown>> = await manager.query(lock ? LOCK_EVENT_SQL : READ_EVENT_SQL, [eventId]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id as string,
      status: row.status as string,
      capacity: Number(row.capacity),
      perOrganisationCap: toNumber(row.per_organisation_cap),
      registrationOpensAt: row.registration_opens_at as Date | null,
      registrationClosesAt: row.registration_closes_at as Date | null,
      endsAt: row.ends_at as Date,
    };
  }

  /**
   * Inserts a registration as confirmed or waitlisted (see INSERT_REGISTRATION_SQL); undefined
   * when that email already holds a live registration for the event.
   */
  async insertRegistration(manager: EntityManager, input: NewRegistration): Promise<PlacedRegistration | undefined> {
    const rows: Array<Record<string, unknown>> = await manager.query(INSERT_REGISTRATION_SQL, [
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
    ]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id as string,
      status: row.status as RegistrationStatus,
      waitlistReason: row.waitlist_reason as string | null,
      waitlistPosition: toNumber(row.waitlist_position),
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
      waitlistPosition: toNumber(row.waitlist_position),
    };
  }

  async lockRegistration(manager: EntityManager, id: string): Promise<LockedRegistration | undefined> {
    const rows: LockedRegistration[] = await manager.query(
      `SELECT id, event_id AS "eventId", email, name, status, erased_at AS "erasedAt", token_hash AS "tokenHash",
              token_sealed AS "tokenSealed"
       FROM registrations WHERE id = $1 FOR UPDATE`,
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

  async countConfirmed(manager: EntityManager, eventId: string): Promise<number> {
    const rows: Array<{ n: string }> = await manager.query(
      `SELECT count(*) AS n FROM registrations WHERE event_id = $1 AND status = 'confirmed'`,
      [eventId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Confirms the first on the waiting list whose organisation is under the event's cap.
   * Call with the event row locked.
   */
  async promoteNextWaiting(manager: EntityManager, eventId: string): Promise<Promoted | undefined> {
    const result: [Promoted[], number] = await manager.query(
      `UPDATE registrations SET status = 'confirmed', waitlist_seq = NULL, waitlist_reason = NULL, updated_at = now()
       WHERE id = (
         SELECT r.id FROM registrations r JOIN events e ON e.id = r.event_id
         WHERE r.event_id = $1 AND r.status = 'waitlisted' AND (
           e.per_organisation_cap IS NULL OR r.organisation IS NULL OR (
             SELECT count(*) FROM registrations c
             WHERE c.event_id = $1 AND c.status = 'confirmed'
               AND lower(btrim(c.organisation)) = lower(btrim(r.organisation))
           ) < e.per_organisation_cap)
         ORDER BY r.waitlist_seq LIMIT 1
       ) AND status = 'waitlisted'
       RETURNING id, email, token_hash AS "tokenHash"`,
      [eventId],
    );
    return result[0][0];
  }

  async markCancelled(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE registrations SET status = 'cancelled', waitlist_seq = NULL, waitlist_reason = NULL,
         cancelled_at = $2, updated_at = now() WHERE id = $1`,
      [id, at],
    );
  }

  async rotateToken(manager: EntityManager, id: string, tokenHash: string, tokenSealed: string): Promise<void> {
    await manager.query(
      `UPDATE registrations SET token_hash = $2, token_sealed = $3, updated_at = now() WHERE id = $1`,
      [id, tokenHash, tokenSealed],
    );
  }

  // --- workshops ---------------------------------------------------------------------

  /** Locks the workshop row unless the test-only control switch is on. */
  async lockWorkshopSeats(manager: EntityManager, sessionId: string, lock = true): Promise<WorkshopSeats | undefined> {
    const rows: WorkshopSeats[] = await manager.query(
      `SELECT id, event_id AS "eventId", title, kind, status, capacity, starts_at AS "startsAt", ends_at AS "endsAt"
       FROM sessions WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [sessionId],
    );
    return rows[0];
  }

  /** Another workshop of this delegate (place or queue) that overlaps [startsAt, endsAt). */
  async findClash(
    manager: EntityManager,
    registrationId: string,
    session: WorkshopSeats,
  ): Promise<{ title: string } | undefined> {
    const rows: Array<{ title: string }> = await manager.query(
      `SELECT s.title FROM session_signups ss JOIN sessions s ON s.id = ss.session_id
       WHERE ss.registration_id = $1 AND s.id <> $2 AND s.status = 'scheduled'
         AND s.starts_at < $4 AND s.ends_at > $3
       ORDER BY s.starts_at LIMIT 1`,
      [registrationId, session.id, session.startsAt, session.endsAt],
    );
    return rows[0];
  }

  async findSignup(manager: EntityManager, sessionId: string, registrationId: string): Promise<SignupRow | undefined> {
    const rows: Array<{ id: string; sessionId: string; status: SignupStatus }> = await manager.query(
      `SELECT id, session_id AS "sessionId", status FROM session_signups WHERE session_id = $1 AND registration_id = $2`,
      [sessionId, registrationId],
    );
    const row = rows[0];
    if (!row) return undefined;
    return { ...row, waitlistPosition: await this.signupPosition(manager, row.id) };
  }

  /** A place if the workshop has one free, otherwise the end of its waiting list. Call with the workshop locked. */
  async insertSignup(
    manager: EntityManager,
    sessionId: string,
    registrationId: string,
    capacity: number | null,
  ): Promise<SignupRow> {
    const rows: Array<{ id: string; status: SignupStatus; position: string | null }> = await manager.query(
      `WITH decision AS (
         SELECT CASE WHEN $3::int IS NULL
           OR (SELECT count(*) FROM session_signups WHERE session_id = $1 AND status = 'confirmed') < $3::int
           THEN 'confirmed' ELSE 'waitlisted' END AS status
       ), inserted AS (
         INSERT INTO session_signups (session_id, registration_id, status, waitlist_seq)
         SELECT $1, $2, status, CASE WHEN status = 'waitlisted' THEN nextval('session_signups_waitlist_seq') END
         FROM decision
         RETURNING id, status
       )
       SELECT i.id, i.status, CASE WHEN i.status = 'waitlisted'
         THEN (SELECT count(*) FROM session_signups WHERE session_id = $1 AND status = 'waitlisted') + 1 END AS position
       FROM inserted i`,
      [sessionId, registrationId, capacity],
    );
    const row = rows[0];
    return { id: row.id, sessionId, status: row.status, waitlistPosition: toNumber(row.position) };
  }

  async deleteSignup(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM session_signups WHERE id = $1`, [id]);
  }

  async countConfirmedSignups(manager: EntityManager, sessionId: string): Promise<number> {
    const rows: Array<{ n: string }> = await manager.query(
      `SELECT count(*) AS n FROM session_signups WHERE session_id = $1 AND status = 'confirmed'`,
      [sessionId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Gives the first in the workshop's queue its place. Call with the workshop locked. */
  async promoteNextSignup(manager: EntityManager, sessionId: string): Promise<PromotedSignup | undefined> {
    // A SELECT over a data-modifying CTE: plain rows, not [rows, count].
    const rows: PromotedSignup[] = await manager.query(
      `WITH promoted AS (
         UPDATE session_signups SET status = 'confirmed', waitlist_seq = NULL
         WHERE id = (SELECT id FROM session_signups WHERE session_id = $1 AND status = 'waitlisted'
                     ORDER BY waitlist_seq LIMIT 1) AND status = 'waitlisted'
         RETURNING id, registration_id
       )
       SELECT p.id, p.registration_id AS "registrationId", r.email
       FROM promoted p JOIN registrations r ON r.id = p.registration_id`,
      [sessionId],
    );
    return rows[0];
  }

  async signupPosition(manager: EntityManager, signupId: string): Promise<number | null> {
    const rows: Array<{ position: string }> = await manager.query(
      `SELECT count(*) AS position FROM session_signups w, session_signups s
       WHERE s.id = $1 AND s.status = 'waitlisted'
         AND w.session_id = s.session_id AND w.status = 'waitlisted' AND w.waitlist_seq <= s.waitlist_seq`,
      [signupId],
    );
    const position = Number(rows[0]?.position ?? 0);
    return position > 0 ? position : null;
  }

  /** A delegate's sign-ups with their sessions, in agenda order. */
  async signupsOf(registrationId: string, manager: EntityManager = this.db.manager): Promise<DelegateSignupRow[]> {
    const rows: Array<DelegateSignupRow & { position: string | null }> = await manager.query(
      `SELECT ss.id, ss.session_id AS "sessionId", ss.status, s.title, s.starts_at AS "startsAt",
              s.ends_at AS "endsAt", s.room, s.status AS "sessionStatus",
              CASE WHEN ss.status = 'waitlisted' THEN (
                SELECT count(*) FROM session_signups w
                WHERE w.session_id = ss.session_id AND w.status = 'waitlisted' AND w.waitlist_seq <= ss.waitlist_seq
              ) END AS position
       FROM session_signups ss JOIN sessions s ON s.id = ss.session_id
       WHERE ss.registration_id = $1
       ORDER BY s.starts_at, s.id`,
      [registrationId],
    );
    return rows.map(({ position, ...row }) => ({ ...row, waitlistPosition: toNumber(position) }));
  }

  /** The event's scheduled workshops with how many places are taken, in agenda order. */
  async workshopsOf(eventId: string): Promise<WorkshopListing[]> {
    const rows: Array<WorkshopListing & { taken: string }> = await this.db.query(
      `SELECT s.id, s.title, s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.room, s.capacity,
              (SELECT count(*) FROM session_signups ss WHERE ss.session_id = s.id AND ss.status = 'confirmed') AS taken
       FROM sessions s
       WHERE s.event_id = $1 AND s.kind = 'workshop' AND s.status = 'scheduled'
       ORDER BY s.starts_at, s.title`,
      [eventId],
    );
    return rows.map((row) => ({ ...row, taken: Number(row.taken) }));
  }

  // --- organisers --------------------------------------------------------------------

  private filterSql(filter: AttendeeFilter, params: unknown[]): string {
    const clauses = ['r.event_id = $1'];
    if (filter.status) {
      params.push(filter.status);
      clauses.push(`r.status = $${params.length}`);
    }
    if (filter.q) {
      params.push(containsPattern(filter.q));
      const p = `$${params.length}`;
      clauses.push(`(r.name ILIKE ${p} OR r.email ILIKE ${p} OR r.organisation ILIKE ${p})`);
    }
    if (filter.checkedIn !== undefined) {
      clauses.push(filter.checkedIn ? 'r.checked_in_at IS NOT NULL' : 'r.checked_in_at IS NULL');
    }
    if (filter.sessionId) {
      params.push(filter.sessionId);
      clauses.push(
        `EXISTS (SELECT 1 FROM session_signups ss WHERE ss.session_id = $${params.length} AND ss.registration_id = r.id)`,
      );
    }
    return clauses.join(' AND ');
  }

  async listAttendees(
    eventId: string,
    filter: AttendeeFilter,
    window: { limit: number; offset: number },
  ): Promise<{ items: AttendeeRow[]; total: number }> {
    const params: unknown[] = [eventId];
    const where = this.filterSql(filter, params);
    const [items, totals] = await Promise.all([
      this.db.query<AttendeeRow[]>(
        `SELECT ${ATTENDEE_COLUMNS} FROM registrations r ${WAITLIST_POSITIONS}
         WHERE ${where} ORDER BY r.created_at, r.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, window.limit, window.offset],
      ),
      this.db.query<Array<{ total: string }>>(`SELECT count(*) AS total FROM registrations r WHERE ${where}`, params),
    ]);
    return {
      items: items.map((row) => ({ ...row, waitlistPosition: toNumber(row.waitlistPosition) })),
      total: Number(totals[0]?.total ?? 0),
    };
  }

  /** The whole filtered list in keyset-paged batches, so an export holds one batch in memory. */
  async *attendeeBatches(eventId: string, filter: AttendeeFilter, batchSize = 500): AsyncGenerator<AttendeeRow[]> {
    let afterId: string | undefined;
    for (;;) {
      const params: unknown[] = [eventId];
      let where = this.filterSql(filter, params);
      if (afterId) {
        // The cursor row's own created_at, compared in the database: a JS Date would drop the microseconds.
        params.push(afterId);
        where += ` AND (r.created_at, r.id) > (SELECT c.created_at, c.id FROM registrations c WHERE c.id = $${params.length})`;
      }
      params.push(batchSize);
      const rows: AttendeeRow[] = await this.db.query(
        `SELECT ${ATTENDEE_COLUMNS} FROM registrations r ${WAITLIST_POSITIONS}
         WHERE ${where} ORDER BY r.created_at, r.id LIMIT $${params.length}`,
        params,
      );
      if (rows.length === 0) return;
      yield rows.map((row) => ({ ...row, waitlistPosition: toNumber(row.waitlistPosition) }));
      const last = rows[rows.length - 1];
      afterId = last.id;
      if (rows.length < batchSize) return;
    }
  }

  async findAttendee(eventId: string, id: string): Promise<AttendeeRow | undefined> {
    const rows: AttendeeRow[] = await this.db.query(
      `SELECT ${ATTENDEE_COLUMNS} FROM registrations r ${WAITLIST_POSITIONS} WHERE r.event_id = $1 AND r.id = $2`,
      [eventId, id],
    );
    const row = rows[0];
    return row ? { ...row, waitlistPosition: toNumber(row.waitlistPosition) } : undefined;
  }

  /** The outbox rows addressed to one delegate, newest first. */
  mailOf(registrationId: string): Promise<DelegateMailRow[]> {
    return this.db.query(
      `SELECT id, kind, status, send_at AS "sendAt", sent_at AS "sentAt", last_error AS "lastError"
       FROM notifications WHERE registration_id = $1 ORDER BY send_at DESC, id LIMIT 200`,
      [registrationId],
    );
  }

  async eventCapacity(eventId: string): Promise<number | undefined> {
    const rows: Array<{ capacity: number }> = await this.db.query(`SELECT capacity FROM events WHERE id = $1`, [
      eventId,
    ]);
    return rows[0]?.capacity;
  }

  async countByStatus(eventId: string): Promise<{ status: RegistrationStatus; n: number; checkedIn: number }[]> {
    const rows: Array<{ status: RegistrationStatus; n: string; checked_in: string }> = await this.db.query(
      `SELECT status, count(*) AS n, count(checked_in_at) AS checked_in
       FROM registrations WHERE event_id = $1 GROUP BY status`,
      [eventId],
    );
    return rows.map((row) => ({ status: row.status, n: Number(row.n), checkedIn: Number(row.checked_in) }));
  }

  /**
   * Replaces the personal data with placeholders and the token hash with one nobody holds;
   * status and timestamps stay so counts and check-in figures do not change.
   */
  async erase(manager: EntityManager, id: string, at: Date, uselessTokenHash: string): Promise<void> {
    const placeholder = `erased-${id}@erased.invalid`;
    await manager.query(
      `UPDATE registrations SET name = 'Erased delegate', email = $2, email_canonical = $2, organisation = NULL, job_title = NULL,
         access_needs = NULL, dietary_needs = NULL, token_hash = $3, token_sealed = NULL, erased_at = $4, updated_at = now()
       WHERE id = $1`,
      [id, placeholder, uselessTokenHash, at],
    );
    // The outbox keeps addresses and names of mail already sent; they go too.
    await manager.query(
      `UPDATE notifications SET recipient = $2, data = '{}'::jsonb, updated_at = now() WHERE registration_id = $1`,
      [id, placeholder],
    );
  }
}
