import { Injectable } from '@nestjs/common';
import { Clock } from '../platform/clock/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { pageWindow } from '../platform/http/pagination.js';
import { type NotificationsPage, type NotificationsQuery, toNotificationResponse } from './dto/notifications.dto.js';
import type { Notification } from './notification.entity.js';
import { outboxError, OutboxError } from './outbox.errors.js';
import { OutboxRepository } from './outbox.repository.js';

/** The organisers' view of one event's outbox: every email with its status, and retrying a failed one. */
@Injectable()
export class EventOutboxService {
  constructor(
    private readonly repo: OutboxRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async list(eventId: string, query: NotificationsQuery): Promise<NotificationsPage> {
    const { limit, offset } = pageWindow(query, this.config.pageSizeMax);
    const [[items, total], counts, lastError] = await Promise.all([
      this.repo.pageForEvent(eventId, query.status, limit, offset),
      this.repo.statusCounts(eventId),
      this.repo.latestError(eventId),
    ]);
    return { items: items.map(toNotificationResponse), total, counts, ...(lastError ? { lastError } : {}) };
  }

  /** Puts a failed email back in the outbox with a fresh set of attempts. */
  async retry(eventId: string, notificationId: string): Promise<Notification> {
    const retried = await this.repo.retryFailed(eventId, notificationId, this.clock.now());
    const notification = await this.repo.findForEvent(eventId, notificationId);
    if (!notification) throw outboxError(OutboxError.NotificationNotFound, 'That email was not found for this event.');
    if (!retried) {
      throw outboxError(
        OutboxError.NotRetryable,
        `Only failed emails can be retried; this one is ${notification.status}.`,
      );
    }
    return notification;
  }
}
