import ical, { ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import { DateTime } from 'luxon';
import type { MailAttachment } from '../mail/mail-message.js';
import { isAmbiguousLocalTime } from './local-time.js';
import { buildVTimezone } from './vtimezone.js';

/** What the calendar needs of an event (an Event entity fits). */
export interface CalendarEvent {
  id: string;
  slug: string;
  title: string;
  description?: string | null;
  venue?: string | null;
  timezone: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  updatedAt?: Date;
}

/** What the calendar needs of a session (an AgendaSession with its speakers fits). */
export interface CalendarSession {
  id: string;
  title: string;
  abstract?: string | null;
  kind: string;
  startsAt: Date;
  endsAt: Date;
  room?: string | null;
  track?: string | null;
  status: string;
  sequence: number;
  updatedAt?: Date;
  /** Only names are used: a speaker's email never goes into a calendar. */
  speakers?: ReadonlyArray<{ name: string }>;
}

export interface CalendarOptions {
  /** DTSTAMP of every VEVENT; defaults to now. Pass a fixed value for byte-stable output. */
  stamp?: Date;
  /** A public link added to each VEVENT (e.g. the agenda page). */
  url?: string;
  /** iTIP method; PUBLISH (the default) suits subscriptions and email attachments. */
  method?: ICalCalendarMethod;
  /** SEQUENCE for the single-event VEVENT (eventCalendar only). */
  sequence?: number;
}

export const sessionUid = (sessionId: string): string => `session-${sessionId}@plenary`;
export const eventUid = (eventId: string): string => `event-${eventId}@plenary`;

function newCalendar(event: CalendarEvent, name: string, options: CalendarOptions): ICalCalendar {
  const from = event.startsAt;
  const to = event.endsAt;
  return ical({
    name,
    prodId: { company: 'Plenary', product: 'Agenda', language: 'EN' },
    method: options.method ?? ICalCalendarMethod.PUBLISH,
    // The calendar itself carries no zone so DTSTAMP/LAST-MODIFIED stay in UTC (as RFC 5545
    // requires); each VEVENT names the event's zone and the generator emits its VTIMEZONE.
    timezone: { name: null, generator: (zone: string) => buildVTimezone(zone, from, to) },
  });
}

/**
 * The calendar as text. ical-generator writes its own calendar properties, then components,
 * then any extra property, and no line break after END:VCALENDAR; RFC 5545 wants every
 * calendar property before the first component and every content line ended by CRLF.
 */
function finish(cal: ICalCalendar, event: CalendarEvent): string {
  const text = cal.toString();
  const firstComponent = text.indexOf('\r\nBEGIN:', 'BEGIN:VCALENDAR'.length);
  const zoneLine = `\r\nX-WR-TIMEZONE:${event.timezone}`;
  const body =
    firstComponent < 0
      ? text.replace(/\r\nEND:VCALENDAR$/, `${zoneLine}$&`)
      : `${text.slice(0, firstComponent)}${zoneLine}${text.slice(firstComponent)}`;
  return `${body}\r\n`;
}

/**
 * Start and end in the event's zone (with its VTIMEZONE); in UTC when either falls in the
 * repeated hour of a change back, where a local time would name two instants.
 */
function times(startsAt: Date, endsAt: Date, zone: string) {
  if (isAmbiguousLocalTime(startsAt, zone) || isAmbiguousLocalTime(endsAt, zone)) {
    return { start: startsAt, end: endsAt };
  }
  return {
    start: DateTime.fromJSDate(startsAt, { zone }),
    end: DateTime.fromJSDate(endsAt, { zone }),
    timezone: zone,
  };
}

function location(event: CalendarEvent, room: string | null | undefined): string | undefined {
  const parts = [room, event.venue].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return parts.length ? parts.join(', ') : undefined;
}

function sessionDescription(session: CalendarSession): string | undefined {
  const parts: string[] = [];
  const names = (session.speakers ?? []).map((s) => s.name);
  if (names.length) parts.push(`With ${names.join(', ')}`);
  if (session.track) parts.push(`Track: ${session.track}`);
  if (session.abstract) parts.push(session.abstract);
  return parts.length ? parts.join('\n\n') : undefined;
}

function addSession(
  cal: ICalCalendar,
  event: CalendarEvent,
  session: CalendarSession,
  options: CalendarOptions,
  stamp: Date,
): void {
  const zone = event.timezone;
  const cancelled = session.status === 'cancelled' || event.status === 'cancelled';
  cal.createEvent({
    id: sessionUid(session.id),
    sequence: session.sequence,
    stamp,
    ...times(session.startsAt, session.endsAt, zone),
    summary: session.title,
    description: sessionDescription(session),
    location: location(event, session.room),
    categories: [{ name: session.kind }],
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    lastModified: session.updatedAt,
    url: options.url,
  });
}

function byStart(a: CalendarSession, b: CalendarSession): number {
  return a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id);
}

/** The whole agenda: one VEVENT per session (cancelled ones kept, as STATUS:CANCELLED). */
export function agendaCalendar(
  event: CalendarEvent,
  sessions: readonly CalendarSession[],
  options: CalendarOptions = {},
): string {
  const cal = newCalendar(event, event.title, options);
  const stamp = options.stamp ?? new Date();
  for (const session of [...sessions].sort(byStart)) addSession(cal, event, session, options, stamp);
  return finish(cal, event);
}

/** The sessions one delegate signed up for (reminders, sign-up confirmations). */
export function sessionsCalendar(
  event: CalendarEvent,
  sessions: readonly CalendarSession[],
  options: CalendarOptions = {},
): string {
  return agendaCalendar(event, sessions, options);
}

/** The event as a single VEVENT spanning its dates (registration confirmations). */
export function eventCalendar(event: CalendarEvent, options: CalendarOptions = {}): string {
  const cal = newCalendar(event, event.title, options);
  const zone = event.timezone;
  cal.createEvent({
    id: eventUid(event.id),
    sequence: options.sequence ?? 0,
    stamp: options.stamp ?? new Date(),
    ...times(event.startsAt, event.endsAt, zone),
    summary: event.title,
    description: event.description || undefined,
    location: location(event, null),
    status: event.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    lastModified: event.updatedAt,
    url: options.url,
  });
  return finish(cal, event);
}

/** An email attachment carrying a calendar built by one of the functions above. */
export function calendarAttachment(ics: string, filename = 'invite.ics'): MailAttachment {
  return { filename, contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: ics };
}
