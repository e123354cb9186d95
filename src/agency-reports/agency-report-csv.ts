import { DateTime } from 'luxon';
import type { Messages } from '../platform/web/messages.en-GB.js';
import { spreadsheetSafe } from '../registrations/attendee-csv.js';
import { allocatedText, cpdHours, type Figures } from './agency-report.js';
import type { ReportEvent } from './agency-reports.repository.js';
import type { AgencyReport, NetworkReport } from './agency-reports.service.js';

/** One CSV record: every cell quoted, and a cell a spreadsheet would run as a formula kept as text. */
const line = (cells: Array<string | number>): string =>
  cells.map((cell) => `"${spreadsheetSafe(cell).replace(/"/g, '""')}"`).join(',');

const document = (header: string[], rows: Array<Array<string | number>>): string =>
  [line(header), ...rows.map(line)].join('\r\n') + '\r\n';

/** The event's first day, as a date in its own zone. */
const eventStarts = (event: ReportEvent): string =>
  DateTime.fromJSDate(event.startsAt, { zone: event.timezone }).toISODate() ?? '';

const figures = (f: Figures, m: Messages): Array<string | number> => [
  allocatedText(f, m),
  f.registered,
  f.waiting,
  f.cancelled,
  f.attended,
  cpdHours(f.cpdMinutes),
  f.forms === null ? m.agencyReports.tooFew : f.forms,
];

/** The network's view: a record per agency and event, then each agency's total over the period. */
export function networkCsv(report: NetworkReport, m: Messages): string {
  const r = m.agencyReports;
  const rows = report.events.flatMap(({ event, rows: agencies }) =>
    agencies.map(({ agency, figures: f }) => [agency.name, event.title, eventStarts(event), ...figures(f, m)]),
  );
  const scope = report.event ? report.event.title : r.allEventsOf(report.year);
  const totals = report.agencies.map(({ agency, total }) => [agency.name, scope, '', ...figures(total, m)]);
  return document(r.csvColumns.network, [...rows, ...totals]);
}

/** One agency's delegates: a record per person and event. */
export function agencyCsv(report: AgencyReport, m: Messages): string {
  const r = m.agencyReports;
  const rows = report.events.flatMap(({ event, people }) =>
    people.map((p) => [
      report.agency.name,
      event.title,
      eventStarts(event),
      p.name,
      r.places[p.status],
      p.attended ? r.yes : r.no,
      p.sessions,
      cpdHours(p.cpdMinutes),
    ]),
  );
  return document(r.csvColumns.agency, rows);
}
