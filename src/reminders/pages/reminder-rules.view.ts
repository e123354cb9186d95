import type { Event } from '../../events/event.entity.js';
import { shortDateTime } from '../../platform/web/dates.js';
import type { Messages } from '../../platform/web/messages.en-GB.js';
import type { ReminderRuleDto } from '../dto/reminder-rule.dto.js';
import type { ReminderRule } from '../reminder-rule.entity.js';
import type { RuleSchedule } from '../reminder-rules.repository.js';
import { reminderTime } from '../reminder-schedule.js';

/** The rule form's fields, in page order. */
export const RULE_FIELDS = ['amount', 'unit', 'when', 'subject', 'message'] as const;
export const RULE_UNITS = ['minutes', 'hours', 'days', 'weeks'] as const;
export const RULE_WHENS = ['before-event', 'after-event', 'before-session'] as const;
type Unit = (typeof RULE_UNITS)[number];

const UNIT_SECONDS: Record<Unit, number> = { minutes: 60, hours: 3600, days: 86_400, weeks: 604_800 };
const ISO: Record<Unit, (n: number) => string> = {
  minutes: (n) => `PT${n}M`,
  hours: (n) => `PT${n}H`,
  days: (n) => `P${n}D`,
  weeks: (n) => `P${n}W`,
};
const WHEN_OF_ANCHOR: Record<ReminderRule['anchor'], (typeof RULE_WHENS)[number]> = {
  'event-start': 'before-event',
  'event-end': 'after-event',
  'session-start': 'before-session',
};

export const rulesPath = (eventId: string): string => `/staff/events/${eventId}/reminders`;

/** A stored rule as the API takes it back (the list is replaced as a whole). */
export const ruleDto = (rule: ReminderRule): ReminderRuleDto => ({
  ...(rule.anchor === 'event-end' ? { after: rule.offset } : { before: rule.offset }),
  ...(rule.anchor === 'session-start' ? { scope: 'session' as const } : {}),
  ...(rule.subject ? { subject: rule.subject } : {}),
  ...(rule.message ? { message: rule.message } : {}),
});

/** The form as the rule is now: its offset in the largest unit that divides it. */
export function ruleFormValues(rule: ReminderRule): Record<string, string> {
  const unit = [...RULE_UNITS].reverse().find((u) => rule.offsetSeconds % UNIT_SECONDS[u] === 0) ?? 'minutes';
  return {
    amount: String(Math.round(rule.offsetSeconds / UNIT_SECONDS[unit])),
    unit,
    when: WHEN_OF_ANCHOR[rule.anchor],
    subject: rule.subject ?? '',
    message: rule.message ?? '',
  };
}

/**
 * The form's values as the rule DTO's plain input, or the field that cannot be one: the
 * amount must be a whole number, the unit and "when" one of the form's choices.
 */
export function ruleInput(values: Record<string, string>): { ok: true; value: object } | { ok: false; field: string } {
  const amount = values.amount?.trim() ?? '';
  if (!/^\d{1,6}$/.test(amount) || Number(amount) === 0) return { ok: false, field: 'amount' };
  const unit = values.unit as Unit;
  if (!RULE_UNITS.includes(unit)) return { ok: false, field: 'unit' };
  const when = values.when as (typeof RULE_WHENS)[number];
  if (!RULE_WHENS.includes(when)) return { ok: false, field: 'when' };
  const offset = ISO[unit](Number(amount));
  return {
    ok: true,
    value: {
      ...(when === 'after-event' ? { after: offset } : { before: offset }),
      ...(when === 'before-session' ? { scope: 'session' } : {}),
      ...(values.subject?.trim() ? { subject: values.subject } : {}),
      ...(values.message?.trim() ? { message: values.message } : {}),
    },
  };
}

/** The form's choices in words. */
export function ruleChoices(values: Record<string, string>, m: Messages) {
  const words = m.reminderRules;
  return {
    units: RULE_UNITS.map((u) => ({ value: u, label: words.units[u], selected: values.unit === u })),
    whens: RULE_WHENS.map((w) => ({ value: w, label: words.whens[w], selected: values.when === w })),
  };
}

/** One rule in words: when it sends (a date for the event's own rules) and what its outbox holds. */
export function ruleRow(rule: ReminderRule, event: Event, schedule: RuleSchedule | undefined, m: Messages) {
  const words = m.reminderRules;
  const zone = event.timezone;
  const values = ruleFormValues(rule);
  const amount = words.amount(Number(values.amount), values.unit as Unit);
  const sendsAt =
    rule.anchor === 'session-start'
      ? undefined
      : reminderTime(rule.anchor, rule.offsetSeconds, { eventStartsAt: event.startsAt, eventEndsAt: event.endsAt });
  const waiting = schedule?.waiting ?? 0;
  return {
    id: rule.id,
    when: words.describe[rule.anchor](amount),
    sendsAt: sendsAt ? words.sendsAt(shortDateTime(sendsAt, zone, m.locale)) : words.sendsPerWorkshop,
    subject: rule.subject ?? words.standardSubject,
    outbox:
      waiting > 0 && schedule?.firstAt && schedule.lastAt
        ? words.waiting(
            waiting,
            shortDateTime(schedule.firstAt, zone, m.locale),
            shortDateTime(schedule.lastAt, zone, m.locale),
          )
        : words.noneWaiting,
    sent: schedule?.sent ? words.sent(schedule.sent) : undefined,
    href: `${rulesPath(event.id)}/${rule.id}`,
    editLabel: words.editLabel(words.describe[rule.anchor](amount)),
  };
}
