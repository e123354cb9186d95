import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RegistrationStatus } from '../registration.entity.js';
import { containsPattern } from '../search-pattern.js';

/** A door: the event's own (sessionId null) or one session's. */
export interface Door {
  eventId: string;
  sessionId: string | null;
}

/** What the desk sees of a delegate: no email, no needs. */
export interface DoorDelegate {
  id: string;
  name: string;
  organisation: string | null;
  status: RegistrationStatus;
  checkInCode: string;
  /** At this door: the event's check-in, or the session's. */
  checkedInAt: Date | null;
  /** At a workshop's door: whether the delegate holds a place in it. */
  hasPlace: boolean;
  erased: boolean;
}

export interface DoorCount {
  checkedIn: number;
  /** Who may come through this door: confirmed delegates, or the workshop's confirmed places. */
  expected: number;
}

export interface DoorSession {
  id: string;
  eventId: string;
  title: string;
  kind: string;
  status: string;
  startsAt: Date;
}

/**
 * The statement that records an event check-in: only the first one sets the time, so
 * repeated or simultaneous requests for one delegate record one check-in. Exported for
 * the benchmark, which runs the same statement straight through `pg`.
 */
export const EVENT_CHECK_IN_SQL = `
  UPDATE registrations SET checked_in_at = $3, checked_in_by_id = $4, updated_at = now()
  WHERE event_id = $1 AND id = $2 AND status = 'confirmed' AND checked_in_at IS NULL AND erased_at IS NULL
  RETURNING checked_in_at AS "checkedInAt"`;

/** The same for a session's door; the primary key (session, registration) keeps it to one row. */
const SESSION_CHECK_IN_SQL = `
  INSERT INTO session_check_ins (session_id, registration_id, checked_in_at, checked_in_by_id)
  SELECT $2, r.id, $4, $5 FROM registrations r
  WHERE r.event_id = $1 AND r.id = $3 AND r.status = 'confirmed' AND r.erased_at IS NULL
    AND (NOT $6::boolean OR EXISTS (
      SELECT 1 FROM session_signups ss WHERE ss.session_id = $2 AND ss.registration_id = r.id AND ss.status = 'confirmed'))
  ON CONFLICT (session_id, registration_id) DO NOTHING
  RETURNING checked_in_at AS "checkedInAt"`;

/** The delegate's columns at a door; $1 is the event, $2 the session (or null). */
const DOOR_DELEGATE_COLUMNS = `
  r.id, r.name, r.organisation, r.status, r.check_in_code AS "checkInCode",
  CASE WHEN $2::uuid IS NULL THEN r.checked_in_at ELSE sc.checked_in_at END AS "checkedInAt",
  EXISTS (SELECT 1 FROM session_signups ss
          WHERE ss.session_id = $2::uuid AND ss.registration_id = r.id AND ss.status = 'confirmed') AS "hasPlace",
  r.erased_at IS NOT NULL AS erased`;

const DOOR_JOIN = `LEFT JOIN session_check_ins sc ON sc.session_id = $2::uuid AND sc.registration_id = r.id`;

/** Every query of door check-in (event and session doors). */
@Injectable()
export class CheckInRepository {
  constructor(@InjectDataSource() protected readonly db: DataSource) {}

  /** Records the event check-in if none is recorded; the time recorded, or undefined if this call recorded nothing. */
  async recordEventCheckIn(
    eventId: string,
    registrationId: string,
    userId: string | null,
    at: Date,
  ): Promise<Date | undefined> {
    const [rows]: [Array<{ checkedInAt: Date }>, number] = await this.db.query(EVENT_CHECK_IN_SQL, [
      eventId,
      registrationId,
      at,
      userId,
    ]);
    return rows[0]?.checkedInAt;
  }

  async recordSessionCheckIn(
    door: Door & { sessionId: string },
    registrationId: string,
    userId: string | null,
    at: Date,
    placeRequired: boolean,
  ): Promise<Date | undefined> {
    const rows: Array<{ checkedInAt: Date }> = await this.db.query(SESSION_CHECK_IN_SQL, [
      door.eventId,
      door.sessionId,
      registrationId,
      at,
      userId,
      placeRequired,
    ]);
    return rows[0]?.checkedInAt;
  }

  /**
   * Withdraws the check-in recorded at `at` (what the desk was shown), so a late repeat of an
   * undo cannot withdraw a later check-in; true if one was withdrawn.
   */
  async undoCheckIn(door: Door, registrationId: string, at: Date): Promise<boolean> {
    if (door.sessionId === null) {
      const [, count]: [unknown[], number] = await this.db.query(
        `UPDATE registrations SET checked_in_at = NULL, checked_in_by_id = NULL, updated_at = now()
         WHERE event_id = $1 AND id = $2 AND checked_in_at = $3`,
        [door.eventId, registrationId, at],
      );
      return count > 0;
    }
    const [, count]: [unknown[], number] = await this.db.query(
      `DELETE FROM session_check_ins sc USING registrations r
       WHERE sc.session_id = $2 AND sc.registration_id = $3 AND sc.checked_in_at = $4
         AND r.id = sc.registration_id AND r.event_id = $1`,
      [door.eventId, door.sessionId, registrationId, at],
    );
    return count > 0;
  }

  async findDelegate(door: Door, registrationId: string): Promise<DoorDelegate | undefined> {
    const rows: DoorDelegate[] = await this.db.query(
      `SELECT ${DOOR_DELEGATE_COLUMNS} FROM registrations r ${DOOR_JOIN} WHERE r.event_id = $1 AND r.id = $3`,
      [door.eventId, door.sessionId, registrationId],
    );
    return rows[0];
  }

  async findByCode(door: Door, code: string): Promise<DoorDelegate | undefined> {
    const rows: DoorDelegate[] = await this.db.query(
      `SELECT ${DOOR_DELEGATE_COLUMNS} FROM registrations r ${DOOR_JOIN}
       WHERE r.event_id = $1 AND r.check_in_code = $3`,
      [door.eventId, door.sessionId, code],
    );
    return rows[0];
  }

  /** Delegates whose name or organisation contains the text (or whose check-in code it is), by name. */
  search(door: Door, text: string, limit: number): Promise<DoorDelegate[]> {
    return this.db.query(
      `SELECT ${DOOR_DELEGATE_COLUMNS} FROM registrations r ${DOOR_JOIN}
       WHERE r.event_id = $1 AND r.erased_at IS NULL
         AND (r.name ILIKE $3 OR r.organisation ILIKE $3 OR r.check_in_code = upper($4))
       ORDER BY (r.status = 'confirmed') DESC, r.name, r.id
       LIMIT $5`,
      [door.eventId, door.sessionId, containsPattern(text), text, limit],
    );
  }

  async count(door: Door, placeRequired: boolean): Promise<DoorCount> {
    const rows: Array<{ checkedIn: string; expected: string }> =
      door.sessionId === null
        ? await this.db.query(
            `SELECT count(checked_in_at) AS "checkedIn", count(*) AS expected
             FROM registrations WHERE event_id = $1 AND status = 'confirmed'`,
            [door.eventId],
          )
        : await this.db.query(
            `SELECT (SELECT count(*) FROM session_check_ins WHERE session_id = $1) AS "checkedIn",
                    CASE WHEN $2::boolean
                      THEN (SELECT count(*) FROM session_signups WHERE session_id = $1 AND status = 'confirmed')
                      ELSE (SELECT count(*) FROM registrations r JOIN sessions s ON s.event_id = r.event_id
                            WHERE s.id = $1 AND r.status = 'confirmed')
                    END AS expected`,
            [door.sessionId, placeRequired],
          );
    return { checkedIn: Number(rows[0]?.checkedIn ?? 0), expected: Number(rows[0]?.expected ?? 0) };
  }

  async findSession(eventId: string, sessionId: string): Promise<DoorSession | undefined> {
    const rows: DoorSession[] = await this.db.query(
      `SELECT id, event_id AS "eventId", title, kind, status, starts_at AS "startsAt"
       FROM sessions WHERE event_id = $1 AND id = $2 AND removed_at IS NULL`,
      [eventId, sessionId],
    );
    return rows[0];
  }

  /** The scheduled sessions a door can be opened for, in agenda order (breaks have no door). */
  doorSessions(eventId: string): Promise<DoorSession[]> {
    return this.db.query(
      `SELECT id, event_id AS "eventId", title, kind, status, starts_at AS "startsAt"
       FROM sessions WHERE event_id = $1 AND status = 'scheduled' AND kind <> 'break' AND removed_at IS NULL
       ORDER BY starts_at, title`,
      [eventId],
    );
  }
}
