import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../platform/clock/clock.js';
import { notFound } from '../platform/errors/common.errors.js';
import type { ReminderRuleDto } from './dto/reminder-rule.dto.js';
import type { ReminderAnchor, ReminderRule } from './reminder-rule.entity.js';
import { ReminderRulesRepository, type RuleSchedule } from './reminder-rules.repository.js';
import { durationSeconds } from './reminder-schedule.js';
import { remindersError, RemindersError } from './reminders.errors.js';
import { RemindersRepository, type SyncResult } from './reminders.repository.js';

const MAX_RULES = 20;

interface ParsedRule {
  anchor: ReminderAnchor;
  offset: string;
  offsetSeconds: number;
  subject: string | null;
  message: string | null;
}

@Injectable()
export class RemindersService {
  constructor(
    private readonly rules: ReminderRulesRepository,
    private readonly repository: RemindersRepository,
    private readonly clock: Clock,
  ) {}

  listRules(eventId: string): Promise<ReminderRule[]> {
    return this.rules.list(eventId);
  }

  /**
   * Replaces the event's rules. A rule that stays (same anchor and offset) keeps its id,
   * so reminders already sent for it are not sent again; then the outbox is brought in line.
   */
  async replaceRules(eventId: string, input: ReminderRuleDto[]): Promise<ReminderRule[]> {
    if (input.length > MAX_RULES)
      throw remindersError(RemindersError.InvalidRule, `An event can have at most ${MAX_RULES} reminder rules.`);
    const parsed = input.map((rule, index) => parseRule(rule, index));
    const keys = new Set<string>();
    for (const rule of parsed) {
      const key = `${rule.anchor}:${rule.offsetSeconds}`;
      if (keys.has(key))
        throw remindersError(
          RemindersError.InvalidRule,
          `Two rules send at the same time (${rule.offset}); remove one.`,
        );
      keys.add(key);
    }
    await this.rules.transaction(async (manager) => {
      if (!(await this.rules.lockEvent(manager, eventId))) throw notFound('The event');
      const existing = await this.rules.list(eventId, manager);
      const kept = new Set<string>();
      for (const [position, rule] of parsed.entries()) {
        const same = existing.find((r) => r.anchor === rule.anchor && r.offsetSeconds === rule.offsetSeconds);
        if (same) kept.add(same.id);
        await this.rules.save(manager, { ...(same ?? {}), ...rule, eventId, position });
      }
      await this.rules.delete(
        manager,
        existing.filter((r) => !kept.has(r.id)).map((r) => r.id),
      );
      await this.repository.sync(manager, eventId, this.clock.now());
    });
    return this.listRules(eventId);
  }

  /** Who gets each rule's reminder when: the waiting and sent reminders per rule. */
  schedules(eventId: string): Promise<RuleSchedule[]> {
    return this.rules.schedules(eventId);
  }

  /** Call inside the transaction of any change that affects who gets which reminder and when. */
  syncEvent(manager: EntityManager, eventId: string, registrationId: string | null = null): Promise<SyncResult> {
    return this.repository.sync(manager, eventId, this.clock.now(), registrationId);
  }

  /** The safety net: every event with rules, each in its own short transaction. */
  async syncAll(): Promise<void> {
    const eventIds = await this.rules.eventsWithRules();
    for (const eventId of eventIds) {
      await this.rules.transaction((manager) => this.repository.sync(manager, eventId, this.clock.now()));
    }
  }
}

function parseRule(rule: ReminderRuleDto, index: number): ParsedRule {
  const where = `Rule ${index + 1}`;
  if ((rule.before === undefined) === (rule.after === undefined)) {
    throw remindersError(RemindersError.InvalidRule, `${where}: give exactly one of "before" or "after".`);
  }
  if (rule.after !== undefined && rule.scope === 'session') {
    throw remindersError(
      RemindersError.InvalidRule,
      `${where}: "after" is for the event as a whole, not for sessions.`,
    );
  }
  const offset = (rule.before ?? rule.after) as string;
  const offsetSeconds = durationSeconds(offset);
  if (offsetSeconds === undefined) {
    throw remindersError(
      RemindersError.InvalidRule,
      `${where}: ${offset} must be more than zero and at most a year, in weeks, days, hours or minutes.`,
    );
  }
  const anchor: ReminderAnchor =
    rule.after !== undefined ? 'event-end' : rule.scope === 'session' ? 'session-start' : 'event-start';
  return { anchor, offset, offsetSeconds, subject: rule.subject ?? null, message: rule.message ?? null };
}
