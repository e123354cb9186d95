import { fromLocalInput, toLocalInput } from '../../events/pages/event-pages.view.js';
import type { FormView } from '../../platform/web/form.js';
import type { Messages } from '../../platform/web/messages.en-GB.js';
import { SESSION_KINDS, type AgendaSession } from '../agenda-session.entity.js';
import type { Speaker } from '../speaker.entity.js';

/** The session form's fields, in page order (`speakerIds` is the speakers' checkboxes). */
export const SESSION_FIELDS = [
  'title',
  'kind',
  'startsAt',
  'endsAt',
  'room',
  'track',
  'capacity',
  'abstract',
  'speakerIds',
] as const;

/** The ticked speakers of a posted form: one value or many under the same name. */
export function postedSpeakerIds(body: unknown): string[] {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).speakerIds : undefined;
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string');
}

/** The form as the session is now (the edit page). */
export const sessionFormValues = (session: AgendaSession, zone: string): Record<string, string> => ({
  title: session.title,
  kind: session.kind,
  startsAt: toLocalInput(session.startsAt, zone),
  endsAt: toLocalInput(session.endsAt, zone),
  room: session.room ?? '',
  track: session.track ?? '',
  capacity: session.capacity === null ? '' : String(session.capacity),
  abstract: session.abstract ?? '',
});

const orNull = (value: string | undefined): string | null => (value?.trim() ? value : null);

/**
 * The form's values as the session DTO's plain input: times read in the event's zone, an
 * empty room, track, seats or abstract as "none", seats as a number when they are one.
 */
export function sessionInput(values: Record<string, string>, speakerIds: string[], zone: string) {
  const capacity = values.capacity?.trim() ?? '';
  return {
    title: values.title ?? '',
    kind: values.kind ?? '',
    startsAt: fromLocalInput(values.startsAt, zone) ?? '',
    endsAt: fromLocalInput(values.endsAt, zone) ?? '',
    room: orNull(values.room),
    track: orNull(values.track),
    capacity: capacity === '' ? null : /^\d+$/.test(capacity) ? Number(capacity) : capacity,
    abstract: orNull(values.abstract),
    speakerIds,
  };
}

/** What the session form template needs beside the form itself. */
export function sessionFormModel(
  form: FormView,
  ticked: string[],
  speakers: Speaker[],
  zone: string,
  m: Messages,
): {
  form: FormView;
  kinds: Array<{ value: string; label: string; selected: boolean }>;
  speakers: Array<{ id: string; name: string; checked: boolean }>;
  timeHint: string;
} {
  return {
    form,
    kinds: SESSION_KINDS.map((kind) => ({
      value: kind,
      label: m.agenda.kinds[kind],
      selected: form.values.kind === kind,
    })),
    speakers: speakers
      .map((s) => ({
        id: s.id,
        name: s.organisation ? `${s.name} (${s.organisation})` : s.name,
        checked: ticked.includes(s.id),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, m.locale)),
    timeHint: m.staff.events.timeHint(zone),
  };
}
