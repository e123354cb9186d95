import { DateTime } from 'luxon';
import { zoneAbbreviation } from './zone-abbreviation.js';

describe('zoneAbbreviation', () => {
  it.each([
    ['2026-01-15T12:00:00Z', 'Europe/London'],
    ['2026-07-15T12:00:00Z', 'Europe/London'],
    ['2026-03-29T00:30:00Z', 'Europe/London'],
    ['2026-03-29T01:30:00Z', 'Europe/London'],
    ['2026-07-15T12:00:00Z', 'America/New_York'],
    ['2026-07-15T12:00:00Z', 'Asia/Kolkata'],
    ['2026-07-15T12:00:00Z', 'Etc/UTC'],
  ])('at %s in %s matches luxon’s ZZZZ, also when asked again', (iso, zone) => {
    const time = DateTime.fromISO(iso, { zone });
    expect(zoneAbbreviation(time)).toBe(time.toFormat('ZZZZ'));
    expect(zoneAbbreviation(time)).toBe(time.toFormat('ZZZZ'));
  });

  it('tells summer from winter time in the same zone', () => {
    const winter = DateTime.fromISO('2026-01-15T12:00:00Z', { zone: 'Europe/Paris' });
    const summer = DateTime.fromISO('2026-07-15T12:00:00Z', { zone: 'Europe/Paris' });
    expect(zoneAbbreviation(winter)).not.toBe(zoneAbbreviation(summer));
  });
});
