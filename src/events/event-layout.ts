import { eventDates } from '../platform/web/dates.js';
import type { Messages } from '../platform/web/messages.en-GB.js';
import type { LayoutEvent } from '../platform/web/page-renderer.js';

/** The event in a page's header: its title linking to its agenda (the event's home), dates and venue. */
export function eventLayout(
  event: { slug: string; title: string; startsAt: string; endsAt: string; timezone: string; venue: string },
  m: Messages,
): LayoutEvent {
  return {
    title: event.title,
    href: `/events/${encodeURIComponent(event.slug)}`,
    dates: eventDates(event.startsAt, event.endsAt, event.timezone, m.locale),
    venue: event.venue || undefined,
  };
}
