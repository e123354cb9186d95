import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../platform/clock/clock.js';
import { notFound } from '../platform/errors/common.errors.js';
import { type Page, pageWindow } from '../platform/http/pagination.js';
import { AppConfig } from '../platform/config/app-config.js';
import { Event } from '../events/event.entity.js';
import { NOTIFICATION_STATUSES, Notification, type NotificationStatus } from '../outbox/notification.entity.js';
import type { NotificationsPage, NotificationsQuery } from './dto/notifications.dto.js';
import { toNotificationResponse } from './dto/notifications.dto.js';
import type { ReminderRuleDto } from './dto/reminder-rule.dto.js';
import { type ReminderAnchor, ReminderRule } from './reminder-rule.entity.js';
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
    @InjectDataSource() private readonly db: DataSource,
    private readonly repository: RemindersRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  listRules(eventId: string): Promise<ReminderRule[]> {
    return this.db.getRepository(ReminderRule).find({ where: { eventId }, order: { position: 'ASC' } });
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
    await this.db.transaction(async (manager) => {
      const event = await manager
        .getRepository(Event)
        .findOne({ where: { id: eventId }, lock: { mode: 'pessimistic_write' } });
      if (!event) throw notFound('The event');
      const rules = manager.getRepository(ReminderRule);
      const existing = await rules.find({ where: { eventId } });
      const kept = new Set<string>();
      for (const [position, rule] of parsed.entries()) {
        const same = existing.find((r) => r.anchor === rule.anchor && r.offsetSeconds === rule.offsetSeconds);
        if (same) kept.add(same.id);
        await rules.save({ ...(same ?? {}), ...rule, eventId, position });
      }
      const removed = existing.filter((r) => !kept.has(r.id)).map((r) => r.id);
      if (removed.length > 0) await rules.delete(removed);
      await this.repository.sync(manager, eventId, this.clock.now());
    });
    return this.listRules(eventId);
  }

  /** Call inside the transaction of any change that affects who gets which reminder and when. */
  syncEvent(manager: EntityManager, eventId: string, registrationId: string | null = null): Promise<SyncResult> {
    return this.repository.sync(manager, eventId, this.clock.now(), registrationId);
  }

  /** The safety net: every event with rules, each in its own short transaction. */
  async syncAll(): Promise<void> {
    const eventIds = await this.repository.eventsWithRules(this.db.manager);
    for (const eventId of eventIds) {
      await this.db.transaction((manager) => this.repository.sync(manager, eventId, this.clock.now()));
    }
  }

  async notifications(eventId: string, query: NotificationsQuery): Promise<NotificationsPage> {
    const { limit, offset } = pageWindow(query, this.config.pageSizeMax);
    const repo = this.db.getRepository(Notification);
    const where = { eventId, ...(query.status ? { status: query.status } : {}) };
    const [items, total] = await repo.findAndCount({
      where,
      order: { sendAt: 'DESC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    const rows = await this.db.query<Array<{ status: NotificationStatus; n: number }>>(
      `SELECT status, count(*)::int AS n FROM notifications WHERE event_id = $1 GROUP BY status`,
      [eventId],
    );
    const counts = Object.fromEntries(NOTIFICATION_STATUSES.map((s) => [s, 0])) as Record<NotificationStatus, number>;
    for (const row of rows) counts[row.status] = row.n;
    const [latest] = await this.db.query<Array<{ last_error: string }>>(
      `SELECT last_error FROM notifications WHERE event_id = $1 AND status = 'failed' AND last_error IS NOT NULL
        ORDER BY updated_at DESC LIMIT 1`,
      [eventId],
    );
    const page: Page<ReturnType<typeof toNotificationResponse>> = { items: items.map(toNotificationResponse), total };
    return { ...page, counts, ...(latest ? { lastError: latest.last_error } : {}) };
  }

  /** Puts a failed email back in the outbox with a fresh set of attempts. */
  async retry(eventId: string, notificationId: string): Promise<Notification> {
    const [rows] = await this.db.query<[Array<{ id: string }>, number]>(
      `UPDATE notifications SET status = 'pending', attempts = 0, send_at = $3, queued_at = NULL, updated_at = now()
        WHERE id = $1 AND event_id = $2 AND status = 'failed' RETURNING id`,
      [notificationId, eventId, this.clock.now()],
    );
    const notification = await this.db.getRepository(Notification).findOne({ where: { id: notificationId, eventId } });
    if (!notification)
      throw remindersError(RemindersError.NotificationNotFound, 'That email was not found for this event.');
    if (rows.length === 0) {
      throw remindersError(
        RemindersError.NotRetryable,
        `Only failed emails can be retried; this one is ${notification.status}.`,
      );
    }
    return notification;
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
