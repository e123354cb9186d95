import { enGB } from '../../platform/web/messages.en-GB.js';
import { agencyCsv, networkCsv } from '../agency-report-csv.js';
import type { ReportEvent } from '../agency-reports.repository.js';
import type { AgencyReport, NetworkReport } from '../agency-reports.service.js';
import { agencyView, figureCells, networkView } from './agency-report.view.js';

const event: ReportEvent = {
  id: 'e1',
  slug: 'summer',
  title: 'Summer Day',
  startsAt: new Date('2026-06-09T23:30:00Z'),
  endsAt: new Date('2026-06-10T16:00:00Z'),
  timezone: 'Europe/London',
};
const leeds = { id: 'a1', name: 'Leeds', active: true };
const figures = {
  allocated: { places: 10, kind: 'reserved' as const },
  registered: 3,
  waiting: 1,
  cancelled: 0,
  attended: 2,
  cpdMinutes: 150,
  forms: null,
};

const network: NetworkReport = {
  year: 2026,
  agencies: [{ agency: leeds, total: figures }],
  events: [{ event, rows: [{ agency: leeds, figures: { ...figures, forms: 7 } }] }],
};

const agency: AgencyReport = {
  year: 2026,
  agency: leeds,
  total: figures,
  events: [
    {
      event,
      figures,
      people: [{ eventId: 'e1', name: '@Ada', status: 'waitlisted', attended: false, sessions: 0, cpdMinutes: 0 }],
      feedback: [
        { kind: 'event', title: 'Summer Day', result: { suppressed: true } },
        {
          kind: 'session',
          title: 'Workshop',
          result: {
            suppressed: false,
            responses: 6,
            questions: [{ text: 'Useful?', average: 4, distribution: [0, 0, 0, 6, 0] }],
            comments: ['never shown here'],
          },
        },
      ],
      canvases: [{ id: 'c1', eventId: 'e1', sessionId: 's1', title: 'Wall', notes: 1, session: 'Workshop' }],
    },
  ],
};

describe('the agency report’s views', () => {
  it('shows figures in the columns’ order, a count too small to show as such', () => {
    expect(figureCells(figures, enGB)).toEqual(['10 reserved', '3', '1', '0', '2', '2.5', 'fewer than 5']);
    expect(figureCells({ ...figures, allocated: { places: 4, kind: 'up_to' } }, enGB)[0]).toBe('up to 4');
    expect(figureCells({ ...figures, allocated: null }, enGB)[0]).toBe('—');
  });

  it('links each agency of the network’s view to its report for the same period', () => {
    const view = networkView(network, enGB);
    expect(view.title).toBe('Agency report: 2026');
    expect(view.csvHref).toBe('/staff/agencies/report.csv?year=2026');
    expect(view.agencies[0]).toMatchObject({ href: '/staff/agencies/a1/report?year=2026', name: 'Leeds' });
    expect(view.events[0].only?.href).toBe('/staff/agencies/report?event=e1');
    expect(view.events[0].rows[0].cells.at(-1)).toBe('7');
    const one = networkView({ ...network, event }, enGB);
    expect([one.title, one.csvHref, one.allEvents?.href]).toEqual([
      'Agency report: Summer Day',
      '/staff/agencies/report.csv?event=e1',
      '/staff/agencies/report?year=2026',
    ]);
    expect(one.events[0].only).toBeUndefined();
  });

  it('gives staff the write-up links and a link officer only the titles; never the comments', () => {
    const staff = agencyView(agency, enGB, { base: '/staff/agencies/a1/report', staff: true });
    expect(staff.events[0].canvases[0]).toEqual({
      text: 'Wall (Workshop): 1 note',
      writeUp: { href: '/staff/events/e1/canvases/c1/write-up', label: 'Write-up: Wall' },
    });
    expect(staff.events[0].feedback).toEqual([
      { title: 'The whole event', responses: 'fewer than 5', ratings: [] },
      { title: 'Workshop', responses: '6', ratings: ['Useful?: 4.0 out of 5'] },
    ]);
    expect(staff.back.href).toBe('/staff/agencies/report?year=2026');
    const officer = agencyView(agency, enGB, { base: '/link-officer/agencies/a1/report', staff: false });
    expect(officer.events[0].canvases[0].writeUp).toBeUndefined();
    expect(officer.back.href).toBe('/link-officer');
    expect(officer.csvHref).toBe('/link-officer/agencies/a1/report.csv?year=2026');
    expect(JSON.stringify(officer)).not.toContain('never shown here');
  });

  it('writes CSV with every cell quoted, formulas as text and the event’s start in its own zone', () => {
    const rows = networkCsv(network, enGB).split('\r\n');
    expect(rows[1]).toBe('"Leeds","Summer Day","2026-06-10","10 reserved","3","1","0","2","2.5","7"');
    expect(rows[2]).toBe('"Leeds","All events of 2026","","10 reserved","3","1","0","2","2.5","fewer than 5"');
    expect(agencyCsv(agency, enGB).split('\r\n')[1]).toBe(
      `"Leeds","Summer Day","2026-06-10","'@Ada","Waiting list","No","0","0"`,
    );
  });
});
