import { clockTime, longDateTime, shortDateTime } from '../../platform/web/dates.js';
import { blankForm, type FormView } from '../../platform/web/form.js';
import type { Messages } from '../../platform/web/messages.en-GB.js';
import type { MyRegistrationResponse } from '../dto/registration.response.js';
import type { WorkshopListing } from '../workshop-signups.repository.js';

/** The personal page's address for a token (the token is the credential, as in the email). */
export const personalPath = (token: string): string => `/r/${encodeURIComponent(token)}`;

export interface WorkshopItem {
  id: string;
  title: string;
  when: string;
  room: string | null;
  places: string | null;
  mine: 'confirmed' | 'waitlisted' | undefined;
  mineText: string | undefined;
  action: { path: string; label: string; secondary: boolean };
}

/** The status line at the top of the page: a place, a place in the queue, or cancelled. */
export function statusLine(me: MyRegistrationResponse, m: Messages): { text: string; tone: string } {
  if (me.status === 'confirmed') {
    return {
      text: [m.personal.confirmed, me.checkedInAt ? m.personal.checkedIn : ''].filter(Boolean).join(' '),
      tone: 'confirmed',
    };
  }
  if (me.status === 'waitlisted') {
    const parts = [m.personal.waitlisted(me.waitlistPosition ?? 0)];
    if (me.waitlistReason === 'organisation_cap') parts.push(m.personal.organisationCap);
    if (me.waitlistReason === 'agency_places') parts.push(m.personal.agencyPlaces);
    parts.push(m.personal.waitlistedNext);
    return { text: parts.join(' '), tone: 'waitlisted' };
  }
  return { text: m.personal.cancelled, tone: 'cancelled' };
}

/** Each workshop with its places left and what the delegate can do about it. */
export function workshopItems(
  me: MyRegistrationResponse,
  listing: readonly WorkshopListing[],
  base: string,
  m: Messages,
): WorkshopItem[] {
  const zone = me.event.timezone;
  const mine = new Map(me.workshops.map((w) => [w.sessionId, w]));
  return listing.map((w) => {
    const signup = mine.get(w.id);
    const left = w.capacity === null ? null : Math.max(0, w.capacity - w.taken);
    const status = signup?.status === 'confirmed' || signup?.status === 'waitlisted' ? signup.status : undefined;
    return {
      id: w.id,
      title: w.title,
      when: `${shortDateTime(w.startsAt, zone, m.locale)}–${clockTime(w.endsAt, zone, m.locale)}`,
      room: w.room,
      places: w.capacity === null || left === null ? null : m.personal.placesLeft(left, w.capacity),
      mine: status,
      mineText:
        status === 'confirmed'
          ? m.personal.workshopConfirmed
          : status === 'waitlisted'
            ? m.personal.workshopQueued(signup?.waitlistPosition ?? 0)
            : undefined,
      action: status
        ? {
            path: `${base}/workshops/${w.id}/leave`,
            label: status === 'confirmed' ? m.personal.leave : m.personal.leaveQueue,
            secondary: true,
          }
        : {
            path: `${base}/workshops/${w.id}/join`,
            label: left === 0 ? m.personal.joinQueue : m.personal.signUp,
            secondary: false,
          },
    };
  });
}

/** The details form's fields, in page order (the register form's words and rules). */
export const DETAIL_FIELDS = ['name', 'organisation', 'jobTitle', 'accessNeeds', 'dietaryNeeds'] as const;
const OPTIONAL_DETAILS = new Set<string>(['organisation', 'jobTitle', 'accessNeeds', 'dietaryNeeds']);

/** The details form filled in with what the delegate gave. */
export const detailsForm = (details: Record<(typeof DETAIL_FIELDS)[number], string | null>): FormView =>
  blankForm(Object.fromEntries(DETAIL_FIELDS.map((field) => [field, details[field] ?? ''])));

/** The form as the DTO's body: an emptied optional field is cleared (not given, then stored as none). */
export function detailsBody(values: Record<string, string>): Record<string, string> {
  const body: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (!(OPTIONAL_DETAILS.has(name) && value.trim() === '')) body[name] = value;
  }
  return body;
}

/** The delegate's details as the page lists them (label, value), leaving out what they did not give. */
export function detailsList(me: MyRegistrationResponse, m: Messages): Array<{ label: string; value: string }> {
  return [
    { label: m.details.labels.name, value: me.name },
    { label: m.details.labels.email, value: me.email },
    { label: m.details.labels.organisation, value: me.organisation ?? '' },
    { label: m.details.labels.jobTitle, value: me.jobTitle ?? '' },
    { label: m.details.labels.accessNeeds, value: me.accessNeeds ?? '' },
    { label: m.details.labels.dietaryNeeds, value: me.dietaryNeeds ?? '' },
  ].filter((item) => item.value !== '');
}

export function personalPageView(
  me: MyRegistrationResponse,
  listing: readonly WorkshopListing[],
  token: string,
  options: { confirmCancel: boolean; notice?: string; sections?: string[] },
  m: Messages,
) {
  const base = personalPath(token);
  return {
    me,
    base,
    calendarHref: `${base}/calendar.ics`,
    detailsHref: `${base}/details`,
    details: detailsList(me, m),
    sections: me.status === 'cancelled' ? [] : (options.sections ?? []),
    status: statusLine(me, m),
    hello: m.personal.hello(me.name),
    timesIn: m.site.timesIn(me.event.timezone),
    startsAt: longDateTime(me.event.startsAt, me.event.timezone, m.locale),
    eventCancelled: me.event.status === 'cancelled',
    workshops: me.status === 'confirmed' ? workshopItems(me, listing, base, m) : [],
    canCancel: me.status !== 'cancelled',
    confirmCancel: options.confirmCancel,
    notice: options.notice,
  };
}
