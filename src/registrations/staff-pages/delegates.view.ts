import type { Messages } from '../../platform/web/messages.en-GB.js';
import { pager } from '../../platform/web/pager.js';
import type { DelegateDossier } from '../attendees.service.js';
import type { AttendeeResponse, RegistrationCountsResponse } from '../dto/registration.response.js';
import type { DoorSession } from '../check-in/check-in.repository.js';

/** The list's filters as the address carries them (blank ones left out). */
export interface DelegatesFilter {
  q?: string;
  status?: string;
  checkedIn?: string;
  sessionId?: string;
  offset?: number;
}

export const DELEGATES_PAGE_SIZE = 50;

const base = (eventId: string) => `/staff/events/${eventId}/delegates`;

/** The list's address with these filters (and page); `/export.csv` for the download of the same filter. */
export function delegatesPath(eventId: string, filter: DelegatesFilter, suffix = ''): string {
  const query = new URLSearchParams();
  for (const key of ['q', 'status', 'checkedIn', 'sessionId'] as const) {
    const value = filter[key];
    if (value) query.set(key, value);
  }
  if (filter.offset) query.set('offset', String(filter.offset));
  const search = query.toString();
  return `${base(eventId)}${suffix}${search ? `?${search}` : ''}`;
}

export const delegatePath = (eventId: string, registrationId: string) => `${base(eventId)}/${registrationId}`;

const when = (at: Date | string, zone: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(new Date(at));

interface Option {
  value: string;
  label: string;
  selected: boolean;
}

const options = (pairs: Array<[string, string]>, chosen: string | undefined): Option[] =>
  pairs.map(([value, label]) => ({ value, label, selected: value === (chosen ?? '') }));

/** The delegates list: counts, filters, one row per delegate, pages, the CSV of the same filter. */
export function delegatesView(
  input: {
    eventId: string;
    timezone: string;
    filter: DelegatesFilter;
    counts: RegistrationCountsResponse;
    items: AttendeeResponse[];
    total: number;
    workshops: DoorSession[];
  },
  messages: Messages,
) {
  const m = messages.delegates;
  const { eventId, filter, counts, total } = input;
  const offset = filter.offset ?? 0;
  return {
    counts: (['confirmed', 'waitlisted', 'cancelled', 'checkedIn', 'placesLeft'] as const).map((key) => ({
      label: m.counts[key],
      value: counts[key],
    })),
    fill:
      counts.placesLeft > 0 && counts.waitlisted > 0
        ? { action: `${base(eventId)}/fill-free-seats`, text: m.fillExplain(counts.placesLeft, counts.waitlisted) }
        : undefined,
    action: base(eventId),
    q: filter.q ?? '',
    statuses: options([['', m.anyStatus], ...Object.entries(m.statuses)], filter.status),
    checkIns: options(
      [
        ['', m.anyCheckIn],
        ['true', m.checkedInYes],
        ['false', m.checkedInNo],
      ],
      filter.checkedIn,
    ),
    workshops: input.workshops.length
      ? options(
          [['', m.anyWorkshop], ...input.workshops.map((w): [string, string] => [w.id, w.title])],
          filter.sessionId,
        )
      : undefined,
    csv: delegatesPath(eventId, { ...filter, offset: undefined }, '/export.csv'),
    ...pager(
      { offset, size: DELEGATES_PAGE_SIZE, shown: input.items.length, total },
      (at) => delegatesPath(eventId, { ...filter, offset: at }),
      m.none,
      messages,
    ),
    rows: input.items.map((a) => ({
      href: delegatePath(eventId, a.id),
      name: a.erasedAt ? m.erasedName : a.name,
      email: a.erasedAt ? '' : a.email,
      organisation: a.erasedAt ? '' : (a.organisation ?? ''),
      status:
        a.status === 'waitlisted' && a.waitlistPosition
          ? m.waitingAt(a.waitlistPosition)
          : (m.statuses[a.status] ?? a.status),
      checkedIn: a.checkedInAt ? m.yes(when(a.checkedInAt, input.timezone, messages.locale)) : m.no,
    })),
  };
}

/** One delegate's page: details, needs, workshops, their mail, and the way to erasure. */
export function delegateView(eventId: string, timezone: string, dossier: DelegateDossier, messages: Messages) {
  const m = messages.delegates;
  const d = m.delegate;
  const a = dossier.attendee;
  const at = (date: Date | string) => when(date, timezone, messages.locale);
  return {
    name: a.erasedAt ? m.erasedName : a.name,
    erased: a.erasedAt ? d.erasedAt(at(a.erasedAt)) : undefined,
    details: [
      [m.email, a.erasedAt ? '' : a.email],
      [m.organisation, a.organisation ?? ''],
      [d.jobTitle, a.jobTitle ?? ''],
      [
        m.status,
        a.status === 'waitlisted' && a.waitlistPosition
          ? m.waitingAt(a.waitlistPosition)
          : (m.statuses[a.status] ?? a.status),
      ],
      [d.registeredAt, at(a.createdAt)],
      [m.checkedIn, a.checkedInAt ? m.yes(at(a.checkedInAt)) : m.no],
    ].map(([label, value]) => ({ label, value })),
    needs: [
      { label: d.accessNeeds, value: a.accessNeeds || d.noNeeds },
      { label: d.dietaryNeeds, value: a.dietaryNeeds || d.noNeeds },
    ],
    workshops: dossier.workshops.map((w) => ({
      title: w.title,
      when: at(w.startsAt),
      status: w.status === 'confirmed' ? d.workshopPlace : d.workshopQueue(w.waitlistPosition),
    })),
    mail: dossier.mail.map((mail) => ({
      kind: mail.kind,
      status: d.mailStatuses[mail.status] ?? mail.status,
      when: at(mail.sentAt ?? mail.sendAt),
      error: mail.status === 'failed' ? (mail.lastError ?? '') : '',
    })),
    back: base(eventId),
    erase: a.erasedAt ? undefined : `${delegatePath(eventId, a.id)}/erase`,
  };
}
