import { DateTime } from 'luxon';

const at = (iso: string | Date, zone: string, locale: string) =>
  (typeof iso === 'string' ? DateTime.fromISO(iso, { zone }) : DateTime.fromJSDate(iso, { zone })).setLocale(locale);

/** An event's dates for a page header: "Thursday 4 June 2026", or "4 June – 5 June 2026". */
export function eventDates(startsAt: string | Date, endsAt: string | Date, zone: string, locale: string): string {
  const start = at(startsAt, zone, locale);
  const end = at(endsAt, zone, locale);
  return start.hasSame(end, 'day')
    ? start.toFormat('cccc d LLLL yyyy')
    : `${start.toFormat('d LLLL')} – ${end.toFormat('d LLLL yyyy')}`;
}

/** A moment on a page, in the event's zone: "Thu 4 Jun, 09:30". */
export const shortDateTime = (iso: string | Date, zone: string, locale: string): string =>
  at(iso, zone, locale).toFormat('ccc d LLL, HH:mm');

/** A moment in full: "Thursday 4 June 2026, 09:30". */
export const longDateTime = (iso: string | Date, zone: string, locale: string): string =>
  at(iso, zone, locale).toFormat('cccc d LLLL yyyy, HH:mm');

/** A wall-clock time: "09:30". */
export const clockTime = (iso: string | Date, zone: string, locale: string): string =>
  at(iso, zone, locale).toFormat('HH:mm');
