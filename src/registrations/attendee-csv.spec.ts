import { ATTENDEE_CSV_COLUMNS, spreadsheetSafe } from './attendee-csv.js';
import { personalLink } from './personal-link.js';

describe('spreadsheetSafe', () => {
  it('keeps formula-like cells as text', () => {
    for (const dangerous of ['=SUM(A1:A9)', '+44 20 7946 0000', '-1', '@cmd', '\tx', '\rx']) {
      expect(spreadsheetSafe(dangerous)).toBe(`'${dangerous}`);
    }
  });

  it('leaves ordinary values alone and writes dates as ISO-8601', () => {
    expect(spreadsheetSafe('Zoë Ångström')).toBe('Zoë Ångström');
    expect(spreadsheetSafe(3)).toBe('3');
    expect(spreadsheetSafe(null)).toBe('');
    expect(spreadsheetSafe(new Date('2026-05-01T09:30:00Z'))).toBe('2026-05-01T09:30:00.000Z');
  });

  it('exports access and dietary needs (organisers only reach it) but never the token', () => {
    const keys = ATTENDEE_CSV_COLUMNS.map((c) => c.key as string);
    expect(keys).toEqual(expect.arrayContaining(['accessNeeds', 'dietaryNeeds', 'waitlistPosition']));
    expect(keys.some((k) => k.toLowerCase().includes('token'))).toBe(false);
  });
});

describe('links', () => {
  it('builds the personal link from APP_URL', () => {
    expect(personalLink('https://plenary.example/', 'abc_-1')).toBe('https://plenary.example/r/abc_-1');
  });
});
