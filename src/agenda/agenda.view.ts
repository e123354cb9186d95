import { DateTime } from 'luxon';
import type { Event } from '../events/event.entity.js';
import type { Speaker } from './speaker.entity.js';
import type { AgendaSession } from './agenda-session.entity.js';
import { eventUrls } from '../events/event-urls.js';
import { type PublicEventSummary, toPublicEventSummary } from '../events/dto/event.response.js';

export interface AgendaSpeaker {
  id: string;
  name: string;
  organisation: string | null;
  jobTitle: string | null;
  photoUrl: string | null;
  bio: string | null;
}

export interface AgendaSessionItem {
  id: string;
  title: string;
  abstract: string | null;
  kind: string;
  status: string;
  startsAt: string;
  endsAt: string;
  /** Wall-clock times in the event's zone, e.g. "09:30". */
  localStart: string;
  localEnd: string;
  room: string | null;
  track: string | null;
  capacity: number | null;
  speakers: Array<{ id: string; name: string; organisation: string | null }>;
}

export interface AgendaDay {
  /** The date in the event's zone, e.g. 2026-03-28. */
  date: string;
  /** e.g. "Saturday 28 March". */
  label: string;
  sessions: AgendaSessionItem[];
}

/** The public agenda document (GET …/agenda). Never carries a speaker's email. */
export interface AgendaDocument {
  event: PublicEventSummary;
  version: number;
  rooms: string[];
  tracks: string[];
  days: AgendaDay[];
  speakers: AgendaSpeaker[];
  calendarUrl: string;
  pageUrl: string;
}

const publicSpeaker = (s: Speaker): AgendaSpeaker => ({
  id: s.id,
  name: s.name,
  organisation: s.organisation,
  jobTitle: s.jobTitle,
  photoUrl: s.photoUrl,
  bio: s.bio,
});

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** Groups sessions by day in the event's zone (sessions must come sorted by start). */
export function buildAgendaDocument(
  event: Event,
  sessions: readonly AgendaSession[],
  speakers: readonly Speaker[],
  appUrl: string,
): AgendaDocument {
  const zone = event.timezone;
  const urls = eventUrls(appUrl, event);
  const days: AgendaDay[] = [];
  const rooms = new Set<string>();
  const tracks = new Set<string>();
  for (const session of sessions) {
    const start = DateTime.fromJSDate(session.startsAt, { zone });
    const end = DateTime.fromJSDate(session.endsAt, { zone });
    const date = start.toISODate()!;
    let day = days.at(-1);
    if (!day || day.date !== date) {
      day = { date, label: start.setLocale('en-GB').toFormat('cccc d LLLL'), sessions: [] };
      days.push(day);
    }
    if (session.room) rooms.add(session.room);
    if (session.track) tracks.add(session.track);
    day.sessions.push({
      id: session.id,
      title: session.title,
      abstract: session.abstract,
      kind: session.kind,
      status: session.status,
      startsAt: session.startsAt.toISOString(),
      endsAt: session.endsAt.toISOString(),
      localStart: start.toFormat('HH:mm'),
      localEnd: end.toFormat('HH:mm'),
      room: session.room,
      track: session.track,
      capacity: session.capacity,
      speakers: [...session.speakers]
        .sort(byName)
        .map((s) => ({ id: s.id, name: s.name, organisation: s.organisation })),
    });
  }
  return {
    event: toPublicEventSummary(event),
    version: event.agendaVersion,
    rooms: [...rooms].sort((a, b) => a.localeCompare(b)),
    tracks: [...tracks].sort((a, b) => a.localeCompare(b)),
    days,
    speakers: [...speakers].sort(byName).map(publicSpeaker),
    calendarUrl: urls.calendarFeed,
    pageUrl: urls.agendaPage,
  };
}
