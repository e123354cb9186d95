import { clockTime, shortDateTime } from '../../platform/web/dates.js';
import type { Messages } from '../../platform/web/messages.en-GB.js';
import type { CpdSession } from '../attendance.repository.js';
import type { AttendanceSheet } from '../attendance.service.js';

export const attendancePath = (eventId: string, sessionId?: string): string =>
  `/staff/events/${eventId}/attendance${sessionId ? `/${sessionId}` : ''}`;

const sessionLength = (session: CpdSession): number =>
  Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000);

/** The event's sessions with their hours, each linking to its list (a break has none). */
export function sessionsView(eventId: string, sessions: CpdSession[], zone: string, m: Messages) {
  return {
    rows: sessions.map((session) => ({
      title: session.title,
      when: `${shortDateTime(session.startsAt, zone, m.locale)}–${clockTime(session.endsAt, zone, m.locale)}`,
      hours: session.kind === 'break' ? m.evidence.breakNoHours : m.evidence.hours(session.cpdMinutes),
      href: session.kind === 'break' ? undefined : attendancePath(eventId, session.id),
      linkLabel: m.evidence.openList(session.title),
    })),
  };
}

/** One session's list: the room's code, the count, each delegate with "Mark present" or the time they were. */
export function sheetView(
  eventId: string,
  sheet: AttendanceSheet,
  zone: string,
  canSetHours: boolean,
  hoursError: string | undefined,
  m: Messages,
) {
  const { session } = sheet;
  const present = sheet.delegates.filter((d) => d.attendedAt !== null).length;
  return {
    title: m.evidence.sheetTitle(session.title),
    action: attendancePath(eventId, session.id),
    back: attendancePath(eventId),
    when: `${shortDateTime(session.startsAt, zone, m.locale)}–${clockTime(session.endsAt, zone, m.locale)}`,
    roomCode: sheet.roomCode,
    count: m.evidence.presentCount(present, sheet.delegates.length),
    hours: `${m.evidence.hours(session.cpdMinutes)} (${session.cpdOverridden ? m.evidence.setByOrganiser : m.evidence.lengthCounts})`,
    hoursForm: canSetHours
      ? {
          action: `${attendancePath(eventId, session.id)}/hours`,
          value: session.cpdOverridden ? String(Math.round((session.cpdMinutes / 60) * 100) / 100) : '',
          hint: m.evidence.hoursHint(m.evidence.hours(sessionLength(session))),
          error: hoursError,
        }
      : undefined,
    rows: sheet.delegates.map((d) => ({
      id: d.id,
      name: d.name,
      organisation: d.organisation ?? '',
      present: d.attendedAt ? m.evidence.presentSince(clockTime(d.attendedAt, zone, m.locale)) : undefined,
      markLabel: m.evidence.markPresentName(d.name),
    })),
  };
}
