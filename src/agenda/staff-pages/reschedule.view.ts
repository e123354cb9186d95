import { Duration } from 'luxon';
import type { Event } from '../../events/event.entity.js';
import { longDateTime } from '../../platform/web/dates.js';
import type { Messages } from '../../platform/web/messages.en-GB.js';

/** The reschedule form's fields. */
export const RESCHEDULE_FIELDS = ['startsAt', 'endsAt'] as const;

/** "7 days", "2 hours, 30 minutes": how far the event moves, in words. */
export function shiftInWords(shiftMs: number, locale: string): string {
  const parts = Duration.fromMillis(Math.abs(shiftMs)).shiftTo('days', 'hours', 'minutes').toObject();
  const units = (['days', 'hours', 'minutes'] as const).filter((unit) => (parts[unit] ?? 0) !== 0);
  return Duration.fromObject(Object.fromEntries(units.map((unit) => [unit, parts[unit]])))
    .reconfigure({ locale })
    .toHuman({ listStyle: 'long' });
}

/** Who a reschedule tells: nobody on a draft; on a published event, delegates and speakers. */
export interface RescheduleAudience {
  confirmed: number;
  waiting: number;
  speakersWithEmail: number;
  sessions: number;
}

/** The confirmation: how far the event moves, how many sessions move with it, who is told. */
export function rescheduleConfirmView(
  event: Event,
  next: { startsAt: Date; endsAt: Date },
  audience: RescheduleAudience,
  m: Messages,
) {
  const words = m.agendaBuilder.reschedule;
  const zone = event.timezone;
  const shiftMs = next.startsAt.getTime() - event.startsAt.getTime();
  return {
    from: words.fromTo(longDateTime(event.startsAt, zone, m.locale), longDateTime(next.startsAt, zone, m.locale)),
    shift: shiftMs === 0 ? words.sameStart : words.shift(shiftMs > 0, shiftInWords(shiftMs, m.locale)),
    sessions: words.sessionsMove(audience.sessions),
    told:
      event.status === 'published'
        ? words.told(audience.confirmed + audience.waiting, audience.speakersWithEmail)
        : words.draftNobodyTold,
    reminders: words.remindersMove,
    button: words.confirmButton(audience.sessions),
  };
}
