import type { Messages } from '../../platform/web/messages.en-GB.js';
import type { AgendaDocument } from '../agenda.view.js';

/** What the agenda template shows: the document plus the words that depend on it. */
export function agendaPageView(doc: AgendaDocument, jsonUrl: string, m: Messages) {
  return {
    doc,
    jsonUrl,
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
