import type { Event } from '../../events/event.entity.js';
import { eventLayout } from '../../events/event-layout.js';
import type { Messages } from '../../platform/web/messages.en-GB.js';
import type { LayoutEvent } from '../../platform/web/page-renderer.js';

/** The event in a console page's header; it leads back to the console (a draft has no public page yet). */
export const staffEventLayout = (event: Event, m: Messages): LayoutEvent => ({
  ...eventLayout({ ...event, startsAt: event.startsAt.toISOString(), endsAt: event.endsAt.toISOString() }, m),
  href: '/staff',
});
