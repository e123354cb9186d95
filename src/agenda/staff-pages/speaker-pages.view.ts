import type { Messages } from '../../platform/web/messages.en-GB.js';
import type { AgendaSession } from '../agenda-session.entity.js';
import type { Speaker } from '../speaker.entity.js';
import { agendaPath } from './agenda-builder.view.js';

/** The speaker form's fields, in page order. */
export const SPEAKER_FIELDS = ['name', 'organisation', 'jobTitle', 'email', 'bio', 'photoUrl'] as const;

export const speakerFormValues = (speaker: Speaker): Record<string, string> => ({
  name: speaker.name,
  organisation: speaker.organisation ?? '',
  jobTitle: speaker.jobTitle ?? '',
  email: speaker.email ?? '',
  bio: speaker.bio ?? '',
  photoUrl: speaker.photoUrl ?? '',
});

/** The form as the speaker DTO's plain input: an empty optional field is "none". */
export function speakerInput(values: Record<string, string>): Record<string, string | null> {
  const input: Record<string, string | null> = { name: values.name ?? '' };
  for (const field of SPEAKER_FIELDS.slice(1)) input[field] = values[field]?.trim() ? values[field] : null;
  return input;
}

/** The organisers' speaker list: each with the sessions they are in (links to those sessions' forms). */
export function speakersView(eventId: string, speakers: Speaker[], sessions: AgendaSession[], m: Messages) {
  return {
    speakers: speakers
      .map((s) => ({
        name: s.name,
        role: [s.jobTitle, s.organisation].filter(Boolean).join(', '),
        email: s.email ?? '',
        href: `/staff/events/${eventId}/speakers/${s.id}`,
        editLabel: m.speakerPages.edit(s.name),
        sessions: sessions
          .filter((session) => session.speakers.some((p) => p.id === s.id))
          .map((session) => ({ title: session.title, href: `${agendaPath(eventId)}/sessions/${session.id}` })),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, m.locale)),
    action: `/staff/events/${eventId}/speakers`,
  };
}
