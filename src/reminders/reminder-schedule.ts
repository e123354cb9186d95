import { Duration } from 'luxon';
import type { ReminderAnchor } from './reminder-rule.entity.js';

const MAX_OFFSET_SECONDS = 366 * 24 * 3600;

/** Seconds in an ISO-8601 duration (P7D, PT1H30M), or undefined when it is not one we accept. */
export function durationSeconds(iso: string): number | undefined {
  // Years and months have no fixed length; reminders are counted in days and hours.
  if (!/^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/.test(iso)) return undefined;
  const duration = Duration.fromISO(iso);
  if (!duration.isValid) return undefined;
  const seconds = Math.round(duration.as('seconds'));
  return seconds > 0 && seconds <= MAX_OFFSET_SECONDS ? seconds : undefined;
}

/** When a reminder for this anchor goes out. */
export function reminderTime(
  anchor: ReminderAnchor,
  offsetSeconds: number,
  times: { eventStartsAt: Date; eventEndsAt: Date; sessionStartsAt?: Date },
): Date {
  switch (anchor) {
    case 'event-start':
      return new Date(times.eventStartsAt.getTime() - offsetSeconds * 1000);
    case 'event-end':
      return new Date(times.eventEndsAt.getTime() + offsetSeconds * 1000);
    case 'session-start': {
      if (!times.sessionStartsAt) throw new Error('A session rule needs the session start');
      return new Date(times.sessionStartsAt.getTime() - offsetSeconds * 1000);
    }
    default: {
      const unknown: never = anchor;
      throw new Error(`Unknown anchor ${String(unknown)}`);
    }
  }
}

/** The placeholders a custom subject or message may use, e.g. "{{name}}, see you at {{event}}". */
export const PLACEHOLDERS = ['name', 'event', 'session', 'time', 'venue', 'room', 'link'] as const;
export type PlaceholderValues = Record<(typeof PLACEHOLDERS)[number], string>;

export function fillPlaceholders(template: string, values: PlaceholderValues): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
    (PLACEHOLDERS as readonly string[]).includes(key) ? values[key as keyof PlaceholderValues] : whole,
  );
}

/** A human phrase for the offset, e.g. "in 7 days", "in 1 hour". */
export function describeOffset(offsetSeconds: number): string {
  const days = offsetSeconds / 86_400;
  if (Number.isInteger(days)) return `${days} day${days === 1 ? '' : 's'}`;
  const hours = offsetSeconds / 3600;
  if (Number.isInteger(hours)) return `${hours} hour${hours === 1 ? '' : 's'}`;
  const minutes = Math.round(offsetSeconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
