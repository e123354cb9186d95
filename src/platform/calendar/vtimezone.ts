import { DateTime, IANAZone } from 'luxon';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

interface Transition {
  /** The instant the offset changes. */
  at: number;
  from: number;
  to: number;
}

function offsetAt(zone: IANAZone, ms: number): number {
  return zone.offset(ms);
}

/** Narrows a day in which the offset changed down to the minute. */
function findTransition(zone: IANAZone, lo: number, hi: number): number {
  const before = offsetAt(zone, lo);
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (offsetAt(zone, mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

function transitions(zone: IANAZone, fromMs: number, toMs: number): Transition[] {
  const found: Transition[] = [];
  let prev = offsetAt(zone, fromMs);
  for (let t = fromMs + DAY_MS; t <= toMs + DAY_MS; t += DAY_MS) {
    const current = offsetAt(zone, t);
    if (current !== prev) {
      found.push({ at: findTransition(zone, t - DAY_MS, t), from: prev, to: current });
      prev = current;
    }
  }
  return found;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

function component(zoneName: string, atMs: number, from: number, to: number): string[] {
  const local = DateTime.fromMillis(atMs, { zone: zoneName }).setLocale('en-GB');
  // DTSTART of an observance is the wall-clock time just before the change (in the old offset).
  const wall = DateTime.fromMillis(atMs + from * MINUTE_MS, { zone: 'utc' }).toFormat("yyyyLLdd'T'HHmmss");
  const type = local.isInDST ? 'DAYLIGHT' : 'STANDARD';
  return [
    `BEGIN:${type}`,
    `DTSTART:${wall}`,
    `TZOFFSETFROM:${formatOffset(from)}`,
    `TZOFFSETTO:${formatOffset(to)}`,
    `TZNAME:${local.offsetNameShort ?? formatOffset(to)}`,
    `END:${type}`,
  ];
}

const cache = new Map<string, string>();

/**
 * A VTIMEZONE for an IANA zone, built from the platform's time-zone data (via luxon),
 * covering whole years from `from` to `to`. Each offset change in that window becomes
 * its own observance with an explicit DTSTART (no RRULE), which every client reads the
 * same way; zones without changes get one STANDARD observance.
 */
export function buildVTimezone(zoneName: string, from: Date, to: Date): string | null {
  const zone = IANAZone.create(zoneName);
  if (!zone.isValid || zoneName === 'UTC') return null;
  const startYear = from.getUTCFullYear() - 1;
  const endYear = to.getUTCFullYear() + 1;
  const key = `${zoneName}:${startYear}:${endYear}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;

  const fromMs = Date.UTC(startYear, 0, 1);
  const toMs = Date.UTC(endYear, 11, 31);
  const initial = offsetAt(zone, fromMs);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zoneName}`, `X-LIC-LOCATION:${zoneName}`];
  lines.push(...component(zoneName, fromMs, initial, initial));
  for (const t of transitions(zone, fromMs, toMs)) lines.push(...component(zoneName, t.at, t.from, t.to));
  lines.push('END:VTIMEZONE');
  const text = lines.join('\r\n');
  cache.set(key, text);
  return text;
}
