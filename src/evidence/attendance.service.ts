import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../identity/auth-user.js';
import { Clock } from '../platform/clock/clock.js';
import { CheckInService, type CheckInOutcome } from '../registrations/check-in/check-in.service.js';
import {
  AttendanceRepository,
  type AttendanceListEntry,
  type AttendedSession,
  type CpdSession,
} from './attendance.repository.js';
import { evidenceError, EvidenceError } from './evidence.errors.js';
import { normaliseRoomCode } from './room-code.js';

export interface AttendanceSheet {
  session: CpdSession;
  roomCode: string;
  delegates: AttendanceListEntry[];
}

export interface CpdRecord {
  sessions: AttendedSession[];
  totalMinutes: number;
}

/**
 * Who attended which session, and what it counts for. A delegate is present at a session when
 * checked in at its door: by the desk (the door page with a session chosen), by the
 * facilitator's list, or by typing the code shown in the room while the session runs. All
 * three record the same check-in, once, so marking twice changes nothing.
 */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly attendance: AttendanceRepository,
    private readonly checkIns: CheckInService,
    private readonly clock: Clock,
  ) {}

  sessions(eventId: string): Promise<CpdSession[]> {
    return this.attendance.sessions(eventId);
  }

  async sheet(eventId: string, sessionId: string): Promise<AttendanceSheet> {
    const session = await this.requireSession(eventId, sessionId);
    const [roomCode, delegates] = await Promise.all([
      this.attendance.roomCode(eventId, sessionId),
      this.attendance.attendanceList(eventId, sessionId),
    ]);
    return { session, roomCode, delegates };
  }

  /** A facilitator marks a delegate present from the session's list. */
  async markPresent(
    eventId: string,
    sessionId: string,
    registrationId: string,
    user: AuthUser,
  ): Promise<CheckInOutcome> {
    await this.requireSession(eventId, sessionId);
    const door = await this.checkIns.door(eventId, sessionId);
    return this.checkIns.checkIn(door, registrationId, user);
  }

  /** A delegate types the code shown in the room; it admits them only while the session runs. */
  async selfCheckIn(
    delegate: { id: string; eventId: string },
    typed: string,
  ): Promise<CheckInOutcome & { session: CpdSession }> {
    const code = normaliseRoomCode(typed);
    const session = code ? await this.attendance.sessionByRoomCode(delegate.eventId, code) : undefined;
    if (!session) {
      throw evidenceError(EvidenceError.RoomCodeNotValid, 'That is not the code of a session at this event.');
    }
    const now = this.clock.now().getTime();
    if (now < session.startsAt.getTime() || now >= session.endsAt.getTime()) {
      throw evidenceError(
        EvidenceError.RoomCodeOutsideSession,
        `The code of “${session.title}” works only while the session is running.`,
      );
    }
    const door = await this.checkIns.door(delegate.eventId, session.id);
    return { ...(await this.checkIns.checkIn(door, delegate.id, null)), session };
  }

  /** An organiser's figure for the session's CPD minutes; null goes back to its length. */
  async setCpdMinutes(eventId: string, sessionId: string, minutes: number | null): Promise<CpdSession> {
    const session = await this.requireSession(eventId, sessionId);
    if (session.kind === 'break') {
      throw evidenceError(EvidenceError.BreakHasNoHours, 'A break counts for no CPD hours.');
    }
    await this.attendance.setCpdMinutes(eventId, sessionId, minutes);
    return this.requireSession(eventId, sessionId);
  }

  async record(registrationId: string): Promise<CpdRecord> {
    const sessions = await this.attendance.attendedSessions(registrationId);
    return { sessions, totalMinutes: sessions.reduce((sum, session) => sum + session.cpdMinutes, 0) };
  }

  private async requireSession(eventId: string, sessionId: string): Promise<CpdSession> {
    const session = await this.attendance.session(eventId, sessionId);
    if (!session) throw evidenceError(EvidenceError.SessionNotFound, 'That session was not found in this event.');
    return session;
  }
}
