import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { calendarAttachment, eventCalendar } from '../platform/calendar/calendar.js';
import { AppConfig } from '../platform/config/app-config.js';
import type { MailMessage } from '../platform/mail/mail-message.js';
import { MailRenderer } from '../platform/mail/mail-renderer.js';
import type { Notification } from '../outbox/notification.entity.js';
import { NotificationComposers } from '../outbox/notification-composers.js';
import { NotificationKind } from '../outbox/notification-kind.js';
import { greetingName, Registration } from '../registrations/registration.entity.js';
import { Event } from './event.entity.js';
import { eventUrls } from './event-urls.js';

/** "The event is cancelled", with a CANCELLED calendar entry that replaces the one sent on registration. */
@Injectable()
export class EventCancelledComposer implements OnModuleInit {
  constructor(
    private readonly composers: NotificationComposers,
    private readonly renderer: MailRenderer,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    this.composers.register(NotificationKind.EventCancelled, (n) => this.compose(n));
  }

  async compose(notification: Notification): Promise<MailMessage | undefined> {
    const event = await this.db.getRepository(Event).findOne({ where: { id: notification.eventId ?? '' } });
    if (!event || event.status !== 'cancelled') return undefined;
    const registration = notification.registrationId
      ? await this.db.getRepository(Registration).findOne({ where: { id: notification.registrationId } })
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
