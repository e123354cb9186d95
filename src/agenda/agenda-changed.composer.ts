import { Injectable, OnModuleInit } from '@nestjs/common';
import { calendarAttachment, sessionsCalendar } from '../platform/calendar/calendar.js';
import { AppConfig } from '../platform/config/app-config.js';
import { EventsRepository } from '../events/events.repository.js';
import type { MailMessage } from '../platform/mail/mail-message.js';
import { MailRenderer } from '../platform/mail/mail-renderer.js';
import type { NotificationOf } from '../outbox/notification-payloads.js';
import { NotificationComposers } from '../outbox/notification-composers.js';
import { NotificationKind } from '../outbox/notification-kind.js';
import { SpeakersRepository } from './speakers.repository.js';
import { AgendaChangesService } from './agenda-changes.service.js';
import { describeChange } from './change-text.js';
import { SessionAudience } from './session-audience.js';
import { SessionsRepository } from './sessions.repository.js';
import { eventUrls } from '../events/event-urls.js';

/**
 * The debounced "your agenda changed" email: at send time it reads the changes of the
 * burst that concern this person and lists them, with an .ics of the sessions as they now are.
 */
@Injectable()
export class AgendaChangedComposer implements OnModuleInit {
  constructor(
    private readonly composers: NotificationComposers,
    private readonly renderer: MailRenderer,
    private readonly changes: AgendaChangesService,
    private readonly sessionsRepo: SessionsRepository,
    private readonly audience: SessionAudience,
    private readonly config: AppConfig,
    private readonly events: EventsRepository,
    private readonly speakers: SpeakersRepository,
  ) {}

  onModuleInit(): void {
    this.composers.register(NotificationKind.AgendaChanged, (n) => this.compose(n));
  }

  async compose(notification: NotificationOf<NotificationKind.AgendaChanged>): Promise<MailMessage | undefined> {
    const { data } = notification;
    const event = await this.events.findById(data.eventId);
    // A cancelled event has its own email; a draft has no public agenda to talk about.
    if (!event || event.status !== 'published') return undefined;
    let name: string | undefined;
    if (data.recipientType === 'delegate') {
      const greeting = await this.audience.greeting(data.recipientId);
      if (!greeting) return undefined;
      name = greeting.name;
    } else {
      const speaker = await this.speakers.find(data.eventId, data.recipientId);
      name = speaker?.name;
    }
    const changes = await this.changes.forRecipient(data, notification.sendAt);
    if (changes.length === 0) return undefined;

    const sessionIds = [...new Set(changes.map((c) => c.sessionId))];
    const sessions = await this.sessionsRepo.byIdsWithSpeakers(event.id, sessionIds);
    // A delegate only in a workshop's queue is told so, and the calendar file holds only the
    // sessions where they have a place: a queued workshop is not theirs to put in a calendar.
    const waiting =
      data.recipientType === 'delegate'
        ? await this.audience.waitingFor(data.recipientId, sessionIds)
        : new Set<string>();
    const inCalendar = sessions.filter((session) => !waiting.has(session.id));
    const link = eventUrls(this.config.appUrl, event).agendaPage;
    const subject = `Agenda change: ${event.title}`;
    const body = this.renderer.render('message', {
      subject,
      name,
      eventTitle: event.title,
      paragraphs: [
        data.recipientType === 'speaker'
          ? `The agenda of ${event.title} has changed for a session you are speaking in:`
          : `The agenda of ${event.title} has changed for a session you signed up for:`,
        ...changes.map((c) => describeChange(c, event.timezone)),
        ...sessions
          .filter((session) => waiting.has(session.id))
          .map(
            (session) =>
              `You are on the waiting list for “${session.title}”, so it is not in your calendar: we will email you if a place opens up.`,
          ),
        inCalendar.length
          ? `Times are in ${event.timezone}. The attached calendar file updates these sessions in your calendar.`
          : `Times are in ${event.timezone}.`,
      ],
      link: { label: 'See the full agenda', url: link },
    });
    return {
      to: notification.recipient,
      subject,
      ...body,
      attachments: inCalendar.length
        ? [calendarAttachment(sessionsCalendar(event, inCalendar, { url: link }), 'agenda-changes.ics')]
        : undefined,
    };
  }
}
