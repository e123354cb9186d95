import type { Event } from './event.entity.js';

/** Whether the public may see an event: published, or cancelled after it was published. */
export const isPublic = (event: Pick<Event, 'status' | 'publishedAt'>): boolean =>
  event.status === 'published' || (event.status === 'cancelled' && event.publishedAt !== null);
