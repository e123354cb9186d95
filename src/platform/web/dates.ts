/**
 * One formatter per zone, language and name width, kept: building an Intl.DateTimeFormat costs
 * far more than using one, and a page formats dozens of moments in the same zone.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string, locale: string, width: 'long' | 'short'): Intl.DateTimeFormat {
  const key = `${zone}\u0000${locale}\u0000${width}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, {
      timeZone: zone,
      weekday: width,
      day: 'numeric',
      month: width,
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, found);
  }
  return found;
}

type WallParts = Partial<Record<Intl.DateTimeFormatPartTypes, string>>;

/** The fields of a moment as read on a wall clock in the zone, with names of the given width. */
function wall(when: string | Date, zone: string, locale: string, width: 'long' | 'short'): WallParts {
  const parts: WallParts = {};
  for (const part of formatter(zone, locale, width).formatToParts(typeof when === 'string' ? new Date(when) : when)) {
    parts[part.type] = part.value;
  }
  return parts;
}

/** An event's dates for a page header: "Thursday 4 June 2026", or "4 June – 5 June 2026". */
export function eventDates(startsAt: string | Date, endsAt: string | Date, zone: string, locale: string): string {
  const start = wall(startsAt, zone, locale, 'long');
  const end = wall(endsAt, zone, locale, 'long');
  const sameDay = start.year === end.year && start.month === end.month && start.day === end.day;
  return sameDay
    ? `${start.weekday} ${start.day} ${start.month} ${start.year}`
    : `${start.day} ${start.month} – ${end.day} ${end.month} ${end.year}`;
}

/** A moment on a page, in the event's zone: "Thu 4 Jun, 09:30". */
export function shortDateTime(when: string | Date, zone: string, locale: string): string {
  const f = wall(when, zone, locale, 'short');
  return `${f.weekday} ${f.day} ${f.month}, ${f.hour}:${f.minute}`;
}

/** A moment in full: "Thursday 4 June 2026, 09:30". */
export function longDateTime(when: string | Date, zone: string, locale: string): string {
  const f = wall(when, zone, locale, 'long');
  return `${f.weekday} ${f.day} ${f.month} ${f.year}, ${f.hour}:${f.minute}`;
}

/** A wall-clock time: "09:30". */
export function clockTime(when: string | Date, zone: string, locale: string): string {
  const f = wall(when, zone, locale, 'short');
  return `${f.hour}:${f.minute}`;
}
