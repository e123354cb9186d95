import { eventDates } from '../platform/web/dates.js';
import type { Messages } from '../platform/web/messages.en-GB.js';
import type { LayoutEvent } from '../platform/web/page-renderer.js';

/** An event as the page header needs it: the entity (Dates) or a public document (ISO strings). */
interface HeaderEvent {
  slug: string;
  title: string;
  startsAt: string | Date;
  endsAt: string | Date;
  timezone: string;
  venue: string;
}

const iso = (instant: string | Date): string => (typeof instant === 'string' ? instant : instant.toISOString());

/** The event in a page's header: its title linking to its agenda (the event's home), dates and venue. */
export function eventLayout(event: HeaderEvent, m: Messages): LayoutEvent {
  return {
    title: event.title,
    href: `/events/${encodeURIComponent(event.slug)}`,
    dates: eventDates(iso(event.startsAt), iso(event.endsAt), event.timezone, m.locale),
    venue: event.venue || undefined,
  };
}

/** The event in a console page's header; it leads back to the console (a draft has no public page yet). */
export const staffEventLayout = (event: HeaderEvent, m: Messages): LayoutEvent => ({
  ...eventLayout(event, m),
  href: '/staff',
});
