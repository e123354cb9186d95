import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { RegistrationStatus } from './registration.entity.js';
import { containsPattern } from './search-pattern.js';
import { nullableNumber } from './row-values.js';

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

/** The organisers' view of an event's delegates: lists, exports, counts, one delegate's mail, erasure. */
@Injectable()
export class AttendeesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

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
      items: items.map((row) => ({ ...row, waitlistPosition: nullableNumber(row.waitlistPosition) })),
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
      yield rows.map((row) => ({ ...row, waitlistPosition: nullableNumber(row.waitlistPosition) }));
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
    return row ? { ...row, waitlistPosition: nullableNumber(row.waitlistPosition) } : undefined;
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
  async erase(
    manager: EntityManager,
    id: string,
    placeholder: string,
    at: Date,
    uselessTokenHash: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE registrations SET name = 'Erased delegate', email = $2, email_canonical = $2, organisation = NULL, job_title = NULL,
         organisation_key = NULL, agency_id = NULL, access_needs = NULL, dietary_needs = NULL, token_hash = $3, token_sealed = NULL, erased_at = $4, updated_at = now()
       WHERE id = $1`,
      [id, placeholder, uselessTokenHash, at],
    );
  }
}
