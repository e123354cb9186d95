import { eventDates } from '../../platform/web/dates.js';
import type { Messages } from '../../platform/web/messages.en-GB.js';
import { allocatedText, cpdHours, type Figures } from '../agency-report.js';
import type { AgencyReport, NetworkReport } from '../agency-reports.service.js';
import type { ReportEvent } from '../agency-reports.repository.js';

/** A report's figures as the cells of a row, in the order of the tables' columns. */
export function figureCells(f: Figures, m: Messages): string[] {
  const r = m.agencyReports;
  return [
    allocatedText(f, m) || '—',
    String(f.registered),
    String(f.waiting),
    String(f.cancelled),
    String(f.attended),
    String(cpdHours(f.cpdMinutes)),
    f.forms === null ? r.tooFew : String(f.forms),
  ];
}

const scopeOf = (report: { year: number; event?: ReportEvent }): string =>
  report.event ? report.event.title : String(report.year);

const datesOf = (event: ReportEvent, m: Messages): string =>
  eventDates(event.startsAt, event.endsAt, event.timezone, m.locale);

/** `path?year=…` (or `?event=…` for one event). */
export const scopeQuery = (report: { year: number; event?: ReportEvent }): string =>
  report.event ? `?event=${report.event.id}` : `?year=${report.year}`;

/** The network's view: every agency side by side, then each event's agencies. */
export function networkView(report: NetworkReport, m: Messages) {
  const r = m.agencyReports;
  const scope = scopeOf(report);
  const agencyHref = (id: string) => `/staff/agencies/${id}/report${scopeQuery(report)}`;
  return {
    title: r.networkTitle(scope),
    caption: r.agenciesCaption(scope),
    year: String(report.year),
    action: '/staff/agencies/report',
    csvHref: `/staff/agencies/report.csv${scopeQuery(report)}`,
    allEvents: report.event
      ? { href: `/staff/agencies/report?year=${report.year}`, label: r.allEventsOf(report.year) }
      : undefined,
    agencies: report.agencies.map(({ agency, total }) => ({
      name: agency.name,
      href: agencyHref(agency.id),
      linkLabel: r.openReportOf(agency.name),
      cells: figureCells(total, m),
    })),
    events: report.events.map(({ event, rows }, i) => ({
      id: `event-${i}`,
      title: event.title,
      dates: datesOf(event, m),
      caption: r.eventCaption(event.title),
      only: report.event
        ? undefined
        : { href: `/staff/agencies/report?event=${event.id}`, label: r.onlyThisEvent(event.title) },
      rows: rows.map(({ agency, figures }) => ({
        name: agency.name,
        href: agencyHref(agency.id),
        linkLabel: r.openReportOf(agency.name),
        cells: figureCells(figures, m),
      })),
    })),
  };
}

/**
 * One agency's report. `base` is where it lives (the organisers' or the link officer's
 * address); `staff` adds the links only staff can follow (the network's view, the write-ups).
 */
export function agencyView(report: AgencyReport, m: Messages, options: { base: string; staff: boolean }) {
  const r = m.agencyReports;
  const scope = scopeOf(report);
  return {
    title: r.agencyTitle(report.agency.name, scope),
    caption: r.eventsCaption(report.agency.name, scope),
    year: String(report.year),
    action: options.base,
    csvHref: `${options.base}.csv${scopeQuery(report)}`,
    back: options.staff
      ? { href: `/staff/agencies/report${scopeQuery(report)}`, label: r.backToNetwork }
      : { href: '/link-officer', label: r.backToAgencyPage },
    allEvents: report.event
      ? { href: `${options.base}?year=${report.year}`, label: r.allEventsOf(report.year) }
      : undefined,
    total: figureCells(report.total, m),
    events: report.events.map((e, i) => ({
      id: `event-${i}`,
      title: e.event.title,
      dates: datesOf(e.event, m),
      cells: figureCells(e.figures, m),
      peopleCaption: r.peopleCaption(e.event.title),
      people: e.people.map((p) => ({
        name: p.name,
        place: r.places[p.status],
        attended: p.attended ? r.yes : r.no,
        sessions: String(p.sessions),
        hours: String(cpdHours(p.cpdMinutes)),
      })),
      feedbackCaption: r.feedbackCaption(e.event.title),
      feedback: e.feedback.map((line) => ({
        title: line.kind === 'event' ? r.wholeEvent : line.title,
        responses: line.result.suppressed ? r.tooFew : String(line.result.responses),
        ratings: line.result.suppressed ? [] : line.result.questions.map((q) => r.rating(q.text, q.average.toFixed(1))),
      })),
      canvases: e.canvases.map((c) => ({
        text: r.canvasLine(c.title, c.session, c.notes),
        writeUp: options.staff
          ? { href: `/staff/events/${c.eventId}/canvases/${c.id}/write-up`, label: r.openWriteUp(c.title) }
          : undefined,
      })),
    })),
  };
}
