import { IANAZone } from 'luxon';

const MINUTE_MS = 60_000;
/** Further apart than any two offsets of one zone, closer than two offset changes. */
const PROBE_MS = 12 * 3_600_000;

/**
 * Whether the wall-clock time of this instant in the zone also names another instant: the
 * repeated hour when clocks go back. Such a time written with a TZID is read by most clients
 * as the first of the two, so it has to be written another way.
 */
export function isAmbiguousLocalTime(instant: Date, zoneName: string): boolean {
  const zone = IANAZone.create(zoneName);
  if (!zone.isValid) return false;
  const at = instant.getTime();
  const offset = zone.offset(at);
  const wall = at + offset * MINUTE_MS;
  for (const probe of [at - PROBE_MS, at + PROBE_MS]) {
    const other = zone.offset(probe);
    if (other !== offset && zone.offset(wall - other * MINUTE_MS) === other) return true;
  }
  return false;
}
