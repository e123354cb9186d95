import { randomUUID } from 'node:crypto';
import type { Messages } from '../../platform/web/messages.en-GB.js';
import type { DoorCount, DoorDelegate, DoorSession } from '../check-in/check-in.repository.js';

/** The door page's address, keeping the chosen door, the search and the delegate just acted on. */
export function checkInPath(
  eventId: string,
  state: { sessionId?: string | null; q?: string; shown?: string } = {},
): string {
  const query = new URLSearchParams();
  if (state.sessionId) query.set('sessionId', state.sessionId);
  if (state.q) query.set('q', state.q);
  if (state.shown) query.set('shown', state.shown);
  const search = query.toString();
  return `/staff/events/${eventId}/check-in${search ? `?${search}` : ''}`;
}

export interface DoorOption {
  value: string;
  label: string;
  selected: boolean;
}

export interface DoorRow {
  id: string;
  name: string;
  organisation: string;
  /** Set when checked in at this door: the time shown, and the exact instant an undo names. */
  checkedIn?: { time: string; at: string };
  /** Why there is no check-in button (waiting list, cancelled, no place in the workshop). */
  refusal?: string;
  /** One key per tap: a repeated or retried post of this form changes nothing more. */
  tapKey: string;
  checkInLabel: string;
  undoLabel: string;
  /** The delegate the last action was about. */
  shown: boolean;
}

export interface CheckInPageModel {
  eventId: string;
  action: string;
  undoAction: string;
  sessionId: string;
  doorName: string;
  doors: DoorOption[];
  count: string;
  q: string;
  searched: boolean;
  rows: DoorRow[];
  noResults: string;
  /** The sentence about the delegate the last action was about (the "saved" state). */
  shownText?: string;
  codeTapKey: string;
}

export interface CheckInPageInput {
  eventId: string;
  timezone: string;
  sessionId: string | null;
  doors: DoorSession[];
  count: DoorCount;
  q: string;
  results: DoorDelegate[];
  shown?: DoorDelegate;
  placeRequired: boolean;
}

/** "09:12" in the event's own time zone. */
const timeIn = (at: Date, zone: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(at);

const dayAndTime = (at: Date, zone: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone: zone }).format(at);

function refusalOf(delegate: DoorDelegate, placeRequired: boolean, m: Messages['checkIn']): string | undefined {
  if (delegate.checkedInAt) return undefined;
  if (delegate.status !== 'confirmed') return m.statuses[delegate.status] ?? delegate.status;
  if (placeRequired && !delegate.hasPlace) return m.statuses.noPlace;
  return undefined;
}

/** What the door page shows: the door chooser, the count, the delegates found with one button each. */
export function checkInView(input: CheckInPageInput, messages: Messages): CheckInPageModel {
  const m = messages.checkIn;
  const locale = messages.locale;
  const row = (delegate: DoorDelegate): DoorRow => ({
    id: delegate.id,
    name: delegate.name,
    organisation: delegate.organisation ?? '',
    checkedIn: delegate.checkedInAt
      ? { time: timeIn(delegate.checkedInAt, input.timezone, locale), at: delegate.checkedInAt.toISOString() }
      : undefined,
    refusal: refusalOf(delegate, input.placeRequired, m),
    tapKey: randomUUID(),
    checkInLabel: m.checkInName(delegate.name),
    undoLabel: m.undoName(delegate.name),
    shown: delegate.id === input.shown?.id,
  });
  // The delegate just acted on comes first, so the desk sees the saved state without scrolling.
  const found = input.shown ? [input.shown, ...input.results.filter((d) => d.id !== input.shown!.id)] : input.results;
  const doors: DoorOption[] = [
    { value: '', label: m.eventDoor, selected: input.sessionId === null },
    ...input.doors.map((s) => ({
      value: s.id,
      label: m.sessionDoor(s.title, dayAndTime(s.startsAt, input.timezone, locale)),
      selected: s.id === input.sessionId,
    })),
  ];
  const shown = input.shown;
  return {
    eventId: input.eventId,
    action: `/staff/events/${input.eventId}/check-in`,
    undoAction: `/staff/events/${input.eventId}/check-in/undo`,
    sessionId: input.sessionId ?? '',
    doorName: doors.find((d) => d.selected)?.label ?? m.eventDoor,
    doors,
    count: m.count(input.count.checkedIn, input.count.expected),
    q: input.q,
    searched: input.q.trim().length > 0,
    rows: found.map(row),
    noResults: m.noResults(input.q),
    shownText: shown
      ? shown.checkedInAt
        ? m.shownChecked(shown.name, timeIn(shown.checkedInAt, input.timezone, locale))
        : m.shownNot(shown.name)
      : undefined,
    codeTapKey: randomUUID(),
  };
}
