import { DateTime, IANAZone } from 'luxon';
import { eventDates } from '../../platform/web/dates.js';
import type { FormView } from '../../platform/web/form.js';
import type { Messages } from '../../platform/web/messages.en-GB.js';
import type { MemberResponse } from '../dto/add-member.dto.js';
import type { Event } from '../event.entity.js';
import { consoleTools, type MyEventRow } from './my-events.view.js';

/** The event form's fields, in page order. */
export const EVENT_FIELDS = [
  'title',
  'slug',
  'venue',
  'description',
  'timezone',
  'startsAt',
  'endsAt',
  'capacity',
] as const;

const LOCAL_INPUT = "yyyy-LL-dd'T'HH:mm";

/** An instant as a `datetime-local` value in the event's zone. */
export const toLocalInput = (at: Date, zone: string): string => DateTime.fromJSDate(at, { zone }).toFormat(LOCAL_INPUT);

/**
 * A `datetime-local` value read in the event's zone, as the instant the API takes. Anything
 * that is not a date and time is passed on as typed, for the DTO to refuse with its message.
 */
export function fromLocalInput(value: string | undefined, zone: string | undefined): string | undefined {
  if (!value) return value;
  const at = DateTime.fromISO(value, { zone: zone && IANAZone.isValidZone(zone) ? zone : 'UTC' });
  return at.isValid ? (at.toISO({ suppressMilliseconds: true }) ?? value) : value;
}

/** The form as the event is now (the edit page). */
export const eventFormValues = (event: Event): Record<string, string> => ({
  title: event.title,
  slug: event.slug,
  venue: event.venue,
  description: event.description,
  timezone: event.timezone,
  startsAt: toLocalInput(event.startsAt, event.timezone),
  endsAt: toLocalInput(event.endsAt, event.timezone),
  capacity: String(event.capacity),
});

/**
 * The form's values as the create/update DTO's plain input: times from the event's zone,
 * places as a number when they are one; an empty slug means "make one" (create) or "keep it" (edit).
 */
export function eventInput(values: Record<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = {
    title: values.title ?? '',
    venue: values.venue ?? '',
    description: values.description ?? '',
    timezone: values.timezone ?? '',
    startsAt: fromLocalInput(values.startsAt, values.timezone) ?? '',
    endsAt: fromLocalInput(values.endsAt, values.timezone) ?? '',
    capacity: /^\s*\d+\s*$/.test(values.capacity ?? '') ? Number(values.capacity) : (values.capacity ?? ''),
  };
  if (values.slug?.trim()) input.slug = values.slug.trim();
  return input;
}

export type StatusAction = 'publish' | 'unpublish' | 'cancel';

/** Which status changes an event in this status offers. */
export function actionsFor(status: string): StatusAction[] {
  if (status === 'draft') return ['publish', 'cancel'];
  if (status === 'published') return ['unpublish', 'cancel'];
  return [];
}

export interface EventPageView {
  event: { id: string; title: string; dates: string; venue: string; status: string; publicHref?: string };
  isOrganiser: boolean;
  /** The console's pages about this event (organisers). */
  tools: MyEventRow['tools'];
  members: Array<{ userId: string; label: string; role: string; removeLabel: string }>;
  actions: Array<{ action: StatusAction; label: string; href: string }>;
  memberForm: FormView;
}

/** The event's staff page: its details, team and the status changes it offers. */
export function eventPageView(
  event: Event,
  members: MemberResponse[],
  isOrganiser: boolean,
  memberForm: FormView,
  m: Messages,
): EventPageView {
  const words = m.staff.events;
  return {
    event: {
      id: event.id,
      title: event.title,
      dates: eventDates(event.startsAt, event.endsAt, event.timezone, m.locale),
      venue: event.venue,
      status: m.staff.myEvents.statuses[event.status] ?? event.status,
      publicHref: event.status === 'draft' ? undefined : `/events/${encodeURIComponent(event.slug)}`,
    },
    isOrganiser,
    tools: isOrganiser ? consoleTools(event.id, m) : [],
    members: members.map((member) => {
      const label = member.name ? `${member.name} (${member.email})` : member.email;
      return {
        userId: member.userId,
        label,
        role: m.staff.myEvents.roles[member.role] ?? member.role,
        removeLabel: words.removeMember(label),
      };
    }),
    actions: isOrganiser
      ? actionsFor(event.status).map((action) => ({
          action,
          label: words[action],
          href: `/staff/events/${event.id}/${action}`,
        }))
      : [],
    memberForm,
  };
}

/** The confirmation step: what the change does and who it emails. */
export function confirmView(
  event: Event,
  action: StatusAction,
  audience: { confirmed: number; waiting: number },
  m: Messages,
): {
  eventId: string;
  eventTitle: string;
  action: StatusAction;
  title: string;
  what: string;
  who: string;
  button: string;
} {
  const words = m.staff.events.confirm;
  const who =
    action === 'cancel'
      ? words.emailed(audience.confirmed, audience.waiting)
      : action === 'publish'
        ? `${words.nobodyEmailed} ${words.remindersFollow(audience.confirmed + audience.waiting)}`
        : words.nobodyEmailed;
  return {
    eventId: event.id,
    eventTitle: event.title,
    action,
    title: words[action].title,
    what: words[action].what,
    who,
    button: words[action].button,
  };
}
