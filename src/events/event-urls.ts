import type { Event } from './event.entity.js';

/**
 * The public addresses of an event's agenda page and feeds, as the API, emails and calendar files
 * give them out (APP_URL may be configured with or without a trailing slash).
 */
export function eventUrls(appUrl: string, event: Pick<Event, 'id' | 'slug'>) {
  const base = appUrl.replace(/\/+$/, '');
  return {
    agendaPage: `${base}/events/${encodeURIComponent(event.slug)}`,
    agendaJson: `${base}/api/events/${event.id}/agenda`,
    calendarFeed: `${base}/api/events/${event.id}/agenda.ics`,
  };
}
