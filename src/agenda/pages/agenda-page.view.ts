import { eventDates } from '../../platform/web/dates.js';
import type { Messages } from '../../platform/web/messages.en-GB.js';
import type { LayoutEvent } from '../../platform/web/page-renderer.js';
import type { AgendaDocument } from '../agenda.view.js';

/** Where the page's header and links point for an event (its agenda page is the event's home). */
export function agendaLayoutEvent(
  event: Pick<AgendaDocument['event'], 'slug' | 'title' | 'startsAt' | 'endsAt' | 'timezone' | 'venue'>,
  m: Messages,
): LayoutEvent {
  return {
    title: event.title,
    href: `/events/${encodeURIComponent(event.slug)}`,
    dates: eventDates(event.startsAt, event.endsAt, event.timezone, m.locale),
    venue: event.venue || undefined,
  };
}

/** What the agenda template shows: the document plus the words that depend on it. */
export function agendaPageView(doc: AgendaDocument, jsonUrl: string, m: Messages) {
  return {
    doc,
    jsonUrl,
    timesIn: m.site.timesIn(doc.event.timezone),
    days: doc.days.map((day) => ({
      ...day,
      sessions: day.sessions.map((s) => ({
        ...s,
        kindLabel: m.agenda.kinds[s.kind as keyof Messages['agenda']['kinds']] ?? s.kind,
        cancelled: s.status === 'cancelled',
        who: s.speakers.map((p) => (p.organisation ? `${p.name} (${p.organisation})` : p.name)).join(', '),
      })),
    })),
    speakers: doc.speakers.map((p) => ({ ...p, role: [p.jobTitle, p.organisation].filter(Boolean).join(', ') })),
  };
}
