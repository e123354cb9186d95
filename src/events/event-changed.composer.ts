import { Injectable, OnModuleInit } from '@nestjs/common';
import { calendarAttachment, eventCalendar } from '../platform/calendar/calendar.js';
import { AppConfig } from '../platform/config/app-config.js';
import type { MailAttachment, MailMessage } from '../platform/mail/mail-message.js';
import { MailRenderer } from '../platform/mail/mail-renderer.js';
import type { NotificationOf } from '../outbox/notification-payloads.js';
import { NotificationComposers } from '../outbox/notification-composers.js';
import { NotificationKind } from '../outbox/notification-kind.js';
import { EventAudience } from './event-audience.js';
import { describeScheduleChange } from './event-schedule.js';
import { EventsRepository } from './events.repository.js';
import { eventUrls } from './event-urls.js';

/**
 * "Your event moved", written at send time from the event as it is then: it lists what changed
 * since the burst began and, to whoever has the event in their calendar (confirmed delegates
 * and speakers), attaches the event's VEVENT at its raised SEQUENCE. A delegate on the waiting
 * list never got that calendar entry, so gets none now. Nothing goes if the changes were undone.
 */
@Injectable()
export class EventChangedComposer implements OnModuleInit {
  constructor(
    private readonly composers: NotificationComposers,
    private readonly renderer: MailRenderer,
    private readonly audience: EventAudience,
    private readonly config: AppConfig,
    private readonly events: EventsRepository,
  ) {}

  onModuleInit(): void {
    this.composers.register(NotificationKind.EventChanged, (n) => this.compose(n));
  }

  async compose(notification: NotificationOf<NotificationKind.EventChanged>): Promise<MailMessage | undefined> {
    const { data } = notification;
    const event = await this.events.findById(data.eventId);
    // A cancelled event has its own email; an unpublished one has nobody to tell.
    if (!event || event.status !== 'published') return undefined;
    const recipient = await this.audience.recipient(data.recipientType, data.recipientId);
    if (!recipient) return undefined;
    const changes = describeScheduleChange(data.before, event);
    if (changes.length === 0) return undefined;

    const urls = eventUrls(this.config.appUrl, event);
    const subject = `Changed: ${event.title}`;
    const attachments: MailAttachment[] = recipient.waitlisted
      ? []
      : [calendarAttachment(eventCalendar(event, { sequence: event.sequence, url: urls.agendaPage }), 'event.ics')];
    const body = this.renderer.render('message', {
      subject,
      name: recipient.greeting,
      eventTitle: event.title,
      paragraphs: [
        data.recipientType === 'speaker'
          ? `${event.title}, where you are speaking, has changed:`
          : `${event.title}, which you registered for, has changed:`,
        ...changes,
        recipient.waitlisted
          ? 'You are still on the waiting list; we will email you if a place opens up.'
          : 'The attached calendar file updates the event in your calendar.',
      ],
      link: { label: 'See the event and its agenda', url: urls.agendaPage },
    });
    return { to: notification.recipient, subject, ...body, ...(attachments.length ? { attachments } : {}) };
  }
}
