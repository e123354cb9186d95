import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SessionKind } from '../agenda/agenda-session.entity.js';
import { ATTENDANCE_LIST_SQL, ATTENDED_SESSIONS_SQL, CPD_MINUTES } from './attendance.sql.js';
import { newRoomCode } from './room-code.js';

/** A session as attendance sees it: its time window, its CPD minutes and its room's code. */
export interface CpdSession {
  id: string;
  eventId: string;
  title: string;
  kind: SessionKind;
  startsAt: Date;
  endsAt: Date;
  /** What the session counts for (its length unless an organiser set it; 0 for a break). */
  cpdMinutes: number;
  /** True when an organiser set the minutes (rather than the session's length counting). */
  cpdOverridden: boolean;
}

export interface AttendedSession {
  id: string;
  title: string;
  kind: SessionKind;
  startsAt: Date;
  endsAt: Date;
  attendedAt: Date;
  cpdMinutes: number;
}

export interface AttendanceListEntry {
  id: string;
  name: string;
  organisation: string | null;
  attendedAt: Date | null;
}

const SESSION_COLUMNS = `s.id, s.event_id AS "eventId", s.title, s.kind, s.starts_at AS "startsAt", s.ends_at AS "endsAt",
  ${CPD_MINUTES} AS "cpdMinutes", c.cpd_minutes IS NOT NULL AS "cpdOverridden"`;

/** A room code drawn twice in one event (TypeORM's error carries PostgreSQL's code and constraint). */
const roomCodeTaken = (error: unknown): boolean =>
  (error as { code?: string; constraint?: string }).code === '23505' &&
  (error as { constraint?: string }).constraint === 'uq_session_cpd_room_code';

/** Tries before giving up on a fresh room code (two sessions of one event drawing the same one is rare). */
const ROOM_CODE_TRIES = 5;

/** Every query of session attendance and CPD hours (the check-ins themselves are registrations'). */
@Injectable()
export class AttendanceRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The event's sessions that can be attended (scheduled, not removed), in agenda order. */
  sessions(eventId: string): Promise<CpdSession[]> {
    return this.db.query(
      `SELECT ${SESSION_COLUMNS} FROM sessions s LEFT JOIN session_cpd c ON c.session_id = s.id
       WHERE s.event_id = $1 AND s.status = 'scheduled' AND s.removed_at IS NULL
       ORDER BY s.starts_at, s.title, s.id`,
      [eventId],
    );
  }

  async session(eventId: string, sessionId: string): Promise<CpdSession | undefined> {
    const rows: CpdSession[] = await this.db.query(
      `SELECT ${SESSION_COLUMNS} FROM sessions s LEFT JOIN session_cpd c ON c.session_id = s.id
       WHERE s.event_id = $1 AND s.id = $2 AND s.status = 'scheduled' AND s.removed_at IS NULL`,
      [eventId, sessionId],
    );
    return rows[0];
  }

  /** The session whose room shows this code, if any. */
  async sessionByRoomCode(eventId: string, code: string): Promise<CpdSession | undefined> {
    const rows: CpdSession[] = await this.db.query(
      `SELECT ${SESSION_COLUMNS} FROM session_cpd c JOIN sessions s ON s.id = c.session_id
       WHERE c.event_id = $1 AND c.room_code = $2 AND s.status = 'scheduled' AND s.removed_at IS NULL`,
      [eventId, code],
    );
    return rows[0];
  }

  /** The session's room code, drawn the first time it is asked for; the same code afterwards. */
  async roomCode(eventId: string, sessionId: string): Promise<string> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const rows: Array<{ roomCode: string }> = await this.db.query(
          `WITH drawn AS (
             INSERT INTO session_cpd (session_id, event_id, room_code) VALUES ($2, $1, $3)
             ON CONFLICT (session_id) DO NOTHING RETURNING room_code)
           SELECT room_code AS "roomCode" FROM drawn
           UNION ALL SELECT room_code FROM session_cpd WHERE session_id = $2
           LIMIT 1`,
          [eventId, sessionId, newRoomCode()],
        );
        return rows[0].roomCode;
      } catch (error) {
        if (attempt >= ROOM_CODE_TRIES || !roomCodeTaken(error)) throw error;
      }
    }
  }

  /** Sets (or, with null, clears) the organiser's CPD minutes for a session. */
  async setCpdMinutes(eventId: string, sessionId: string, minutes: number | null): Promise<void> {
    await this.roomCode(eventId, sessionId);
    await this.db.query(`UPDATE session_cpd SET cpd_minutes = $2 WHERE session_id = $1`, [sessionId, minutes]);
  }

  attendanceList(eventId: string, sessionId: string): Promise<AttendanceListEntry[]> {
    return this.db.query(ATTENDANCE_LIST_SQL, [eventId, sessionId]);
  }

  attendedSessions(registrationId: string): Promise<AttendedSession[]> {
    return this.db.query(ATTENDED_SESSIONS_SQL, [registrationId]);
  }
}
