import { DateTime } from 'luxon';

/** What a delegate's calendar entry of the event holds that a change must tell them about. */
export interface EventSchedule {
  startsAt: string;
  endsAt: string;
  venue: string;
}

export const scheduleOf = (event: { startsAt: Date; endsAt: Date; venue: string }): EventSchedule => ({
  startsAt: event.startsAt.toISOString(),
  endsAt: event.endsAt.toISOString(),
  venue: event.venue,
});

export interface ScheduleChange {
  moved: boolean;
  reVenued: boolean;
}

/** What differs between two schedules; undefined when nothing a calendar shows changed. */
export function scheduleChange(before: EventSchedule, after: EventSchedule): ScheduleChange | undefined {
  const moved =
    Date.parse(before.startsAt) !== Date.parse(after.startsAt) ||
    Date.parse(before.endsAt) !== Date.parse(after.endsAt);
  const reVenued = before.venue.trim() !== after.venue.trim();
  return moved || reVenued ? { moved, reVenued } : undefined;
}

/** "Tuesday 9 June 2026 at 09:00–17:00 (Europe/London)", or "… to …" across days. */
export function eventWhen(event: { startsAt: Date; endsAt: Date; timezone: string }): string {
  const start = DateTime.fromJSDate(event.startsAt, { zone: event.timezone });
  const end = DateTime.fromJSDate(event.endsAt, { zone: event.timezone });
  const format = "cccc d LLLL yyyy 'at' HH:mm";
  return start.hasSame(end, 'day')
    ? `${start.toFormat(format)}–${end.toFormat('HH:mm')} (${event.timezone})`
    : `${start.toFormat(format)} to ${end.toFormat(format)} (${event.timezone})`;
}

/** The sentences of a change notice that say what changed, old beside new. */
export function describeScheduleChange(
  before: EventSchedule,
  event: { startsAt: Date; endsAt: Date; venue: string; timezone: string },
): string[] {
  const change = scheduleChange(before, scheduleOf(event));
  if (!change) return [];
  const lines: string[] = [];
  if (change.moved) {
    const was = eventWhen({
      startsAt: new Date(before.startsAt),
      endsAt: new Date(before.endsAt),
      timezone: event.timezone,
    });
    lines.push(`New dates: ${eventWhen(event)}. It was ${was}.`);
  }
  if (change.reVenued) {
    const now = event.venue.trim() || 'no venue given yet';
    const was = before.venue.trim() || 'no venue given';
    lines.push(`New venue: ${now}. It was ${was}.`);
  }
  return lines;
}
