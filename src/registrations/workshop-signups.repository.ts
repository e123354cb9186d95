import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SignupStatus } from './session-signup.entity.js';
import { nullableNumber } from './row-values.js';
import { DELETE_SIGNUP_SQL, INSERT_SIGNUP_SQL, PROMOTE_NEXT_SIGNUP_SQL } from './registrations.sql.js';

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

/**
 * Workshop sign-ups and their waiting lists. Methods that take an EntityManager run inside
 * the caller's transaction (which has locked the registration first, then the workshop).
 */
@Injectable()
export class WorkshopSignupsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Locks the workshop row: every change to its places waits here for the one before. NO KEY, so
   * rows that refer to the workshop (sign-ups, outbox rows) are not held up by it.
   */
  async lockWorkshopSeats(manager: EntityManager, sessionId: string): Promise<WorkshopSeats | undefined> {
    const rows: WorkshopSeats[] = await manager.query(
      `SELECT id, event_id AS "eventId", title, kind, status, capacity, starts_at AS "startsAt", ends_at AS "endsAt"
       FROM sessions WHERE id = $1 FOR NO KEY UPDATE`,
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

  /**
   * A place if the workshop has one free, otherwise the end of its waiting list, decided and
   * counted in the workshop's own row (the place is the counter's conditional increment; the
   * position in the queue, the waiting counter after its increment). Call with the workshop locked.
   */
  async insertSignup(manager: EntityManager, sessionId: string, registrationId: string): Promise<SignupRow> {
    const rows: Array<{ id: string; status: SignupStatus; position: number | null }> = await manager.query(
      INSERT_SIGNUP_SQL,
      [sessionId, registrationId],
    );
    const row = rows[0];
    if (!row) throw new Error('The workshop to sign up for is gone');
    return { id: row.id, sessionId, status: row.status, waitlistPosition: nullableNumber(row.position) };
  }

  /** Removes a sign-up and gives its place or queue place back to the workshop's counters. Call with the workshop locked. */
  async deleteSignup(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      DELETE_SIGNUP_SQL,
      [id],
    );
  }

  /** Gives the first in the workshop's queue its place if one is free (the counters' claim). Call with the workshop locked. */
  async promoteNextSignup(manager: EntityManager, sessionId: string): Promise<PromotedSignup | undefined> {
    // A SELECT over data-modifying CTEs: plain rows, not [rows, count].
    const rows: PromotedSignup[] = await manager.query(
      PROMOTE_NEXT_SIGNUP_SQL,
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
    return rows.map(({ position, ...row }) => ({ ...row, waitlistPosition: nullableNumber(position) }));
  }

  /** The event's scheduled workshops with how many places are taken, in agenda order. */
  async workshopsOf(eventId: string): Promise<WorkshopListing[]> {
    const rows: Array<WorkshopListing & { taken: string }> = await this.db.query(
      `SELECT s.id, s.title, s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.room, s.capacity,
              s.confirmed_count AS taken
       FROM sessions s
       WHERE s.event_id = $1 AND s.kind = 'workshop' AND s.status = 'scheduled'
       ORDER BY s.starts_at, s.title`,
      [eventId],
    );
    return rows.map((row) => ({ ...row, taken: Number(row.taken) }));
  }
}
