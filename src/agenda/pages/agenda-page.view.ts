import { longDateTime } from '../../platform/web/dates.js';
import type { Messages } from '../../platform/web/messages.en-GB.js';
import type { AgendaDocument } from '../agenda.view.js';
import type { RegistrationCall } from './registration-call.js';

/** The agenda page's call to register: what it says, and the button when one may register now. */
export interface RegistrationCallView {
  text: string;
  button?: { href: string; label: string };
}

export function registrationCallView(
  call: RegistrationCall | undefined,
  doc: Pick<AgendaDocument, 'event'>,
  m: Messages,
): RegistrationCallView | undefined {
  if (!call || call.kind === 'cancelled') return undefined;
  const href = `/events/${encodeURIComponent(doc.event.slug)}/register`;
  switch (call.kind) {
    case 'open':
      return { text: m.register.callOpen, button: { href, label: m.register.registerButton } };
    case 'full':
      return { text: m.register.callFull, button: { href, label: m.register.joinWaitingListButton } };
    case 'opens':
      return { text: m.register.callOpens(longDateTime(call.at, doc.event.timezone, m.locale)) };
    case 'closed':
      return { text: m.register.callClosed };
  }
}

/** What the agenda template shows: the document plus the words that depend on it. */
export function agendaPageView(doc: AgendaDocument, jsonUrl: string, m: Messages, call?: RegistrationCall) {
  return {
    doc,
    jsonUrl,
    call: registrationCallView(call, doc, m),
    timesIn: m.site.timesIn(doc.event.timezone),
    days: doc.days.map((day) => ({
      ...day,
      sessions: day.sessions.map((s) => ({
        ...s,
        kindLabel: m.agenda.kinds[s.kind as keyof Messages['agenda']['kinds']] ?? s.kind,
        cancelled: s.status === 'cancelled',
        who: s.speakers.map((p) => (p.organisation ? `${p.name} (${p.organisation})` : p.name)).join(', '),
      })),
    })),
    speakers: doc.speakers.map((p) => ({ ...p, role: [p.jobTitle, p.organisation].filter(Boolean).join(', ') })),
  };
}
