import type { DateTime } from 'luxon';

const abbreviations = new Map<string, string>();

/**
 * The time zone's short name at this moment, as luxon's "ZZZZ" ("GMT+1", "CET"). Luxon asks
 * Intl afresh for it on every call, which was 7% of a reminder's CPU; a zone's name depends
 * only on its offset at the time, so it is worked out once per zone and offset.
 */
export function zoneAbbreviation(time: DateTime): string {
  const key = `${time.zoneName ?? ''}|${time.offset}`;
  let name = abbreviations.get(key);
  if (name === undefined) {
    name = time.offsetNameShort ?? time.toFormat('ZZ');
    abbreviations.set(key, name);
  }
  return name;
}
