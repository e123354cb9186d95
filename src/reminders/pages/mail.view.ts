import type { NotificationsPage } from '../../outbox/dto/notifications.dto.js';
import type { Messages } from '../../platform/web/messages.en-GB.js';
import { pager } from '../../platform/web/pager.js';

export const MAIL_PAGE_SIZE = 50;

/** The mail page's address with its filter and page (blank ones left out). */
export function mailPath(eventId: string, filter: { status?: string; offset?: number } = {}): string {
  const query = new URLSearchParams();
  if (filter.status) query.set('status', filter.status);
  if (filter.offset) query.set('offset', String(filter.offset));
  const search = query.toString();
  return `/staff/events/${eventId}/mail${search ? `?${search}` : ''}`;
}

const when = (at: string, zone: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(new Date(at));

/** The event's outbox: counts per status, a status filter, one row per email, a retry for a failed one. */
export function mailView(
  input: {
    eventId: string;
    timezone: string;
    status?: string;
    offset: number;
    page: NotificationsPage;
    admin: boolean;
  },
  messages: Messages,
) {
  const m = messages.mail;
  const { eventId, page, offset } = input;
  return {
    action: mailPath(eventId),
    counts: Object.entries(m.statuses).map(([status, label]) => ({
      label,
      value: page.counts[status as keyof NotificationsPage['counts']] ?? 0,
    })),
    statuses: [['', m.anyStatus], ...Object.entries(m.statuses)].map(([value, label]) => ({
      value,
      label,
      selected: value === (input.status ?? ''),
    })),
    lastError: page.lastError ? m.lastError(page.lastError) : undefined,
    ...pager(
      { offset, size: MAIL_PAGE_SIZE, shown: page.items.length, total: page.total },
      (at) => mailPath(eventId, { status: input.status, offset: at }),
      m.none,
      messages,
    ),
    rows: page.items.map((n) => ({
      kind: n.kind,
      recipient: n.recipient,
      when: when(n.sentAt ?? n.sendAt, input.timezone, messages.locale),
      status: m.statuses[n.status] ?? n.status,
      error: n.status === 'failed' ? (n.lastError ?? '') : '',
      attempts: n.attempts,
      retry: n.status === 'failed' ? `/staff/events/${eventId}/mail/${n.id}/retry` : undefined,
      retryLabel: m.retryName(n.kind, n.recipient),
    })),
    queueBoard: input.admin ? '/admin/queues' : undefined,
  };
}
