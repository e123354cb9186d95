import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { SessionsRepository } from '../agenda/sessions.repository.js';
import { eventUrls } from '../events/event-urls.js';
import { EventsRepository } from '../events/events.repository.js';
import type { NotificationOf } from '../outbox/notification-payloads.js';
import { NotificationComposers } from '../outbox/notification-composers.js';
import { NotificationKind } from '../outbox/notification-kind.js';
import { calendarAttachment, sessionsCalendar } from '../platform/calendar/calendar.js';
import { AppConfig } from '../platform/config/app-config.js';
import type { MailMessage } from '../platform/mail/mail-message.js';
import { MailRenderer } from '../platform/mail/mail-renderer.js';
import { DelegatesRepository } from './delegates.repository.js';
import { greetingName } from './registration.entity.js';
import { WorkshopSignupsRepository } from './workshop-signups.repository.js';

/**
 * "You have a place in the workshop": a short email when a sign-up gets a place at once, with
 * that session's .ics, so the delegate's calendar holds the workshops they chose and no
 * other. Written at send time: a sign-up left or a workshop cancelled meanwhile sends nothing.
 */
@Injectable()
export class WorkshopSignupMailComposer implements OnModuleInit {
  constructor(
    private readonly composers: NotificationComposers,
    private readonly renderer: MailRenderer,
    private readonly config: AppConfig,
    private readonly delegates: DelegatesRepository,
    private readonly signups: WorkshopSignupsRepository,
    private readonly sessions: SessionsRepository,
    private readonly events: EventsRepository,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    this.composers.register(NotificationKind.WorkshopSignedUp, (n) => this.compose(n));
  }

  async compose(notification: NotificationOf<NotificationKind.WorkshopSignedUp>): Promise<MailMessage | undefined> {
    const { sessionId } = notification.data;
    if (!notification.registrationId) return undefined;
    const registration = await this.delegates.findRegistration(notification.registrationId);
    if (!registration || registration.status !== 'confirmed' || registration.erasedAt) return undefined;
    const [event, session, signup] = await Promise.all([
      this.events.findById(registration.eventId),
      this.sessions.find(registration.eventId, sessionId),
      this.signups.findSignup(this.db.manager, sessionId, registration.id),
    ]);
    if (!event || !session || session.status !== 'scheduled' || signup?.status !== 'confirmed') return undefined;
    const start = DateTime.fromJSDate(session.startsAt, { zone: event.timezone });
    const end = DateTime.fromJSDate(session.endsAt, { zone: event.timezone });
    const subject = `Your place in the workshop “${session.title}”`;
    const body = this.renderer.render('message', {
      subject,
      name: greetingName(registration),
      eventTitle: event.title,
      paragraphs: [
        `You have a place in “${session.title}”: ${start.toFormat('cccc d LLLL, HH:mm')}–${end.toFormat('HH:mm')} (${event.timezone})${session.room ? `, ${session.room}` : ''}.`,
        'The attached calendar file adds it to your calendar.',
        'If you cannot come after all, leave the workshop from your personal page so the next person gets the place.',
      ],
    });
    const agenda = eventUrls(this.config.appUrl, event).agendaPage;
    return {
      to: notification.recipient,
      subject,
      ...body,
      attachments: [calendarAttachment(sessionsCalendar(event, [session], { url: agenda }), 'workshop.ics')],
    };
  }
}
