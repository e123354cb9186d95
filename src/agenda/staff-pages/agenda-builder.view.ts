import type { Event } from '../../events/event.entity.js';
import { shortDateTime } from '../../platform/web/dates.js';
import type { Messages } from '../../platform/web/messages.en-GB.js';
import type { AgendaChange } from '../agenda-change.entity.js';
import type { AgendaSession } from '../agenda-session.entity.js';
import { describeChange } from '../change-text.js';
import { agendaDays, type AgendaDay, type BuilderSession } from './agenda-grid.view.js';

/** The base of the builder's addresses. */
export const agendaPath = (eventId: string): string => `/staff/events/${eventId}/agenda`;

export interface AgendaChangesView {
  items: Array<{ text: string; when: string }>;
  more?: string;
  pending: string;
}

export interface AgendaBuilderView {
  eventId: string;
  days: AgendaDay[];
  publicHref?: string;
  changes?: AgendaChangesView;
}

/** Waiting change emails of a published agenda: how many, and the soonest send time. */
export interface PendingNotices {
  count: number;
  nextAt: Date | null;
}

export function builderSession(session: AgendaSession, time: string, eventId: string, m: Messages): BuilderSession {
  return {
    id: session.id,
    title: session.title,
    kind: session.kind,
    kindLabel: m.agenda.kinds[session.kind],
    time,
    room: session.room,
    speakers: (session.speakers ?? []).map((s) => s.name).join(', '),
    cancelled: session.status === 'cancelled',
    href: `${agendaPath(eventId)}/sessions/${session.id}`,
  };
}

/**
 * The builder's page: the grid and the list of each day, and once the agenda is public what
 * changed since (newest first) and when the debounced change emails go out.
 */
export function agendaBuilderView(
  event: Event,
  sessions: AgendaSession[],
  changes: { items: AgendaChange[]; total: number } | undefined,
  pending: PendingNotices | undefined,
  m: Messages,
): AgendaBuilderView {
  const words = m.agendaBuilder.changes;
  const zone = event.timezone;
  return {
    eventId: event.id,
    days: agendaDays(sessions, zone, m.locale, (s, time) => builderSession(s, time, event.id, m)),
    publicHref: event.status === 'published' ? `/events/${encodeURIComponent(event.slug)}` : undefined,
    changes:
      changes && pending
        ? {
            items: changes.items.map((c) => ({
              text: describeChange(c, zone),
              when: words.made(shortDateTime(c.createdAt, zone, m.locale)),
            })),
            more: changes.total > changes.items.length ? words.more(changes.total - changes.items.length) : undefined,
            pending:
              pending.count > 0 && pending.nextAt
                ? words.pending(pending.count, shortDateTime(pending.nextAt, zone, m.locale))
                : words.nonePending,
          }
        : undefined,
  };
}
