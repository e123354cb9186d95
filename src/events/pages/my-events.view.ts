import { eventDates } from '../../platform/web/dates.js';
import type { Messages } from '../../platform/web/messages.en-GB.js';
import type { Event } from '../event.entity.js';

export interface MyEventRow {
  title: string;
  /** The event's staff page. */
  href: string;
  dates: string;
  status: string;
  statusKey: string;
  role: string;
  /** The console's pages for this event (a facilitator has door check-in, attendance and canvases). */
  tools: Array<{ href: string; label: string }>;
}

/** The console's pages about one event (registrations' pages, linked by address). */
export const consoleTools = (eventId: string, m: Messages): MyEventRow['tools'] => [
  { href: `/staff/events/${eventId}/agenda`, label: m.staff.myEvents.tools.agenda },
  { href: `/staff/events/${eventId}/delegates`, label: m.staff.myEvents.tools.delegates },
  { href: `/staff/events/${eventId}/agency-places`, label: m.staff.myEvents.tools.agencyPlaces },
  checkInTool(eventId, m),
  attendanceTool(eventId, m),
  { href: `/staff/events/${eventId}/reminders`, label: m.staff.myEvents.tools.reminders },
  canvasesTool(eventId, m),
  { href: `/staff/events/${eventId}/feedback`, label: m.staff.myEvents.tools.feedback },
  { href: `/staff/events/${eventId}/mail`, label: m.staff.myEvents.tools.mail },
  { href: `/staff/events/${eventId}/awards`, label: m.staff.myEvents.tools.awards },
];

/** Door check-in (registrations' page): facilitators staff the desks too. */
const checkInTool = (eventId: string, m: Messages) => ({
  href: `/staff/events/${eventId}/check-in`,
  label: m.staff.myEvents.tools.checkIn,
});

/** Attendance per session (evidence's page): facilitators mark their sessions' attendance too. */
const attendanceTool = (eventId: string, m: Messages) => ({
  href: `/staff/events/${eventId}/attendance`,
  label: m.staff.myEvents.tools.attendance,
});

/** The workshop canvases (canvas's console): facilitators run them too. */
const canvasesTool = (eventId: string, m: Messages) => ({
  href: `/staff/events/${eventId}/canvases`,
  label: m.staff.myEvents.tools.canvases,
});

/** What the "My events" page shows: one row per event (linking to its staff page), its status and the user's role in words. */
export function myEventsView(items: Array<{ event: Event; role: string }>, m: Messages): { rows: MyEventRow[] } {
  const words = m.staff.myEvents;
  return {
    rows: items.map(({ event, role }) => ({
      title: event.title,
      href: `/staff/events/${event.id}`,
      dates: eventDates(event.startsAt, event.endsAt, event.timezone, m.locale),
      status: words.statuses[event.status] ?? event.status,
      statusKey: event.status,
      role: words.roles[role] ?? role,
      tools:
        role === 'facilitator'
          ? [checkInTool(event.id, m), attendanceTool(event.id, m), canvasesTool(event.id, m)]
          : consoleTools(event.id, m),
    })),
  };
}
