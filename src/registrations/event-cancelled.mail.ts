import { Injectable, OnModuleInit } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { calendarAttachment, eventCalendar } from '../platform/calendar/calendar.js';
import { AppConfig } from '../platform/config/app-config.js';
import { Clock } from '../platform/clock/clock.js';
import type { MailMessage } from '../platform/mail/mail-message.js';
import { MailRenderer } from '../platform/mail/mail-renderer.js';
import type { Notification } from '../outbox/notification.entity.js';
import { NotificationComposers } from '../outbox/notification-composers.js';
import { NotificationKind } from '../outbox/notification-kind.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { EventCancelledHooks } from '../events/event-cancelled.hooks.js';
import type { Event } from '../events/event.entity.js';
import { eventUrls } from '../events/event-urls.js';
import { MailLookupsRepository } from './mail-lookups.repository.js';
import { greetingName } from './registration.entity.js';

/** Rows per outbox insert when an event's delegates are written to the outbox at once. */
const OUTBOX_BATCH = 500;

/**
 * "The event is cancelled": written to every delegate's outbox in the cancelling transaction,
 * composed at sending time with a CANCELLED calendar entry that replaces the one sent on
 * registration.
 */
@Injectable()
export class EventCancelledMail implements OnModuleInit {
  constructor(
    private readonly composers: NotificationComposers,
    private readonly cancelled: EventCancelledHooks,
    private readonly outbox: OutboxService,
    private readonly lookups: MailLookupsRepository,
    private readonly renderer: MailRenderer,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.composers.register(NotificationKind.EventCancelled, (n) => this.compose(n));
    this.cancelled.register((manager, event) => this.enqueue(manager, event));
  }

  private async enqueue(manager: EntityManager, event: Event): Promise<void> {
    const delegates = await this.lookups.activeDelegates(manager, event.id);
    const now = this.clock.now();
    for (let i = 0; i < delegates.length; i += OUTBOX_BATCH) {
      await this.outbox.enqueue(
        manager,
        ...delegates.slice(i, i + OUTBOX_BATCH).map((r) => ({
          kind: NotificationKind.EventCancelled,
          recipient: r.email,
          data: { eventId: event.id },
          sendAt: now,
          dedupeKey: `event-cancelled:${event.id}:${r.id}`,
          eventId: event.id,
          registrationId: r.id,
        })),
      );
    }
  }

  async compose(notification: Notification): Promise<MailMessage | undefined> {
    const event = await this.lookups.event(notification.eventId ?? '');
    if (!event || event.status !== 'cancelled') return undefined;
    const registration = notification.registrationId
      ? await this.lookups.registration(notification.registrationId)
      : null;
    if (!registration || registration.erasedAt) return undefined;
    const when = DateTime.fromJSDate(event.startsAt, { zone: event.timezone }).toFormat('cccc d LLLL yyyy');
    const subject = `Cancelled: ${event.title}`;
    const body = this.renderer.render('message', {
      subject,
      name: greetingName(registration),
      eventTitle: event.title,
      paragraphs: [
        `We are sorry to tell you that ${event.title}, planned for ${when}, has been cancelled.`,
        'Your registration is closed and you need do nothing more. The attached calendar entry removes the event from your calendar.',
      ],
    });
    return {
      to: notification.recipient,
      subject,
      ...body,
      attachments: [
        calendarAttachment(
          eventCalendar(event, { sequence: event.sequence, url: eventUrls(this.config.appUrl, event).agendaPage }),
          'event.ics',
        ),
      ],
    };
  }
}
