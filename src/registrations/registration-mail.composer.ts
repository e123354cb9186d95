import { Injectable, OnModuleInit } from '@nestjs/common';
import { DateTime } from 'luxon';
import { calendarAttachment, eventCalendar } from '../platform/calendar/calendar.js';
import { KeyRing } from '../platform/crypto/key-ring.js';
import { SecretBox } from '../platform/crypto/secret-box.js';
import { AppConfig } from '../platform/config/app-config.js';
import type { Event } from '../events/event.entity.js';
import type { MailAttachment, MailMessage } from '../platform/mail/mail-message.js';
import { MailRenderer } from '../platform/mail/mail-renderer.js';
import type { MessageData } from '../outbox/message.composer.js';
import type { Notification } from '../outbox/notification.entity.js';
import { NotificationComposers } from '../outbox/notification-composers.js';
import { NotificationKind } from '../outbox/notification-kind.js';
import type { WorkshopSignupData } from './registration-mail-payloads.js';
import { checkInQrPng, formatCheckInCode } from './check-in/check-in-code.js';
import { personalLink } from './personal-link.js';
import { greetingName, type Registration } from './registration.entity.js';
import { MailLookupsRepository } from './mail-lookups.repository.js';
import { DelegatesRepository } from './delegates.repository.js';
import { eventUrls } from '../events/event-urls.js';
import { eventWhen } from '../events/event-schedule.js';

interface Context {
  notification: Notification;
  registration: Registration;
  event: Event;
}

/** Why a delegate waits, in the emails that say where they stand ('event_full' otherwise). */
const QUEUE_REASONS: Record<string, string> = {
  organisation_cap: 'Your organisation has already taken all the places it may hold',
  agency_places: 'Your agency’s places are all taken',
};

/**
 * Composes the registration emails at send time from current data: a registration that
 * was cancelled or erased meanwhile gets no welcome, a promotion that no longer holds is
 * not announced.
 */
@Injectable()
export class RegistrationMailComposer implements OnModuleInit {
  private readonly box: SecretBox;

  constructor(
    private readonly composers: NotificationComposers,
    private readonly renderer: MailRenderer,
    private readonly config: AppConfig,
    keys: KeyRing,
    private readonly registrations: DelegatesRepository,
    private readonly lookups: MailLookupsRepository,
  ) {
    this.box = new SecretBox(keys, 'personal-link');
  }

  onModuleInit(): void {
    const kinds: Array<[NotificationKind, (c: Context) => Promise<MailMessage | undefined>]> = [
      [NotificationKind.RegistrationConfirmed, (c) => this.confirmed(c)],
      [NotificationKind.RegistrationWaitlisted, (c) => this.waitlisted(c)],
      [NotificationKind.RegistrationPromoted, (c) => this.promoted(c)],
      [NotificationKind.RegistrationCancelled, (c) => this.cancelled(c)],
      [NotificationKind.RegistrationLink, (c) => this.link(c)],
    ];
    for (const [kind, compose] of kinds) {
      this.composers.register(kind, async (notification) => {
        const context = await this.load(notification);
        return context ? compose(context) : undefined;
      });
    }
    this.composers.register(NotificationKind.WorkshopPromoted, async (notification) => {
      const context = await this.load(notification);
      return context ? this.workshopPromoted(context, notification.data) : undefined;
    });
  }

  private async load(notification: Notification): Promise<Context | undefined> {
    if (!notification.registrationId) return undefined;
    const registration = await this.lookups.registration(notification.registrationId);
    if (!registration || registration.erasedAt) return undefined;
    const event = await this.lookups.event(registration.eventId);
    return event ? { notification, registration, event } : undefined;
  }

  private when(event: Event): string {
    return eventWhen(event);
  }

  private where(event: Event): string {
    return event.venue ? ` at ${event.venue}` : '';
  }

  /** The current personal link. */
  private linkFrom(registration: Registration) {
    if (!registration.tokenSealed) return undefined;
    return {
      label: 'Your registration',
      url: personalLink(this.config.appUrl, this.box.open(registration.tokenSealed)),
    };
  }

  private message(
    c: Context,
    data: Omit<MessageData, 'name' | 'eventTitle'>,
    extras: { calendar?: boolean; checkInCode?: Buffer } = {},
  ): MailMessage {
    const full: MessageData = {
      ...data,
      name: greetingName(c.registration),
      eventTitle: c.event.title,
    };
    const attachments: MailAttachment[] = [];
    if (extras.calendar) {
      attachments.push(
        calendarAttachment(
          eventCalendar(c.event, {
            sequence: c.event.sequence,
            url: eventUrls(this.config.appUrl, c.event).calendarFeed,
          }),
          'event.ics',
        ),
      );
    }
    // Attached, not shown inline: spam filters score an HTML body that is mostly one image
    // (SpamAssassin's HTML_IMAGE_ONLY_*), and mail clients show an attached image anyway.
    if (extras.checkInCode) {
      attachments.push({
        filename: 'check-in.png',
        contentType: 'image/png',
        content: extras.checkInCode,
      });
    }
    return {
      to: c.notification.recipient,
      subject: data.subject,
      ...this.renderer.render('message', full),
      ...(attachments.length > 0 ? { attachments } : {}),
    };
  }

  /** What a confirmed delegate shows at the door: the QR code of their check-in code (never the link's token). */
  private async doorPass(c: Context) {
    return {
      paragraph: `At the registration desk, show the attached QR code or give your check-in code: ${formatCheckInCode(c.registration.checkInCode)}.`,
      png: await checkInQrPng(c.registration.checkInCode),
    };
  }

  private static readonly KEEP_LINK =
    'Keep this email: your personal link lets you see your registration, sign up for workshops or cancel. ' +
    'Anyone with the link can act for you, so do not forward it.';

  private async confirmed(c: Context) {
    if (c.registration.status === 'cancelled') return undefined;
    const pass = await this.doorPass(c);
    return this.message(
      c,
      {
        subject: `Your place at ${c.event.title} is confirmed`,
        paragraphs: [
          `You have a place at ${c.event.title}, ${this.when(c.event)}${this.where(c.event)}.`,
          'The attached calendar file adds it to your calendar.',
          RegistrationMailComposer.KEEP_LINK,
          pass.paragraph,
        ],
        link: this.linkFrom(c.registration),
      },
      { calendar: true, checkInCode: pass.png },
    );
  }

  private async waitlisted(c: Context) {
    if (c.registration.status === 'cancelled') return undefined;
    return this.message(c, {
      subject: `You are on the waiting list for ${c.event.title}`,
      paragraphs: [
        await this.queuePlace(c),
        'We will email you as soon as a place opens up; your personal link always shows where you are in the queue.',
        RegistrationMailComposer.KEEP_LINK,
      ],
      link: this.linkFrom(c.registration),
    });
  }

  /** Where a waiting delegate stands now, and why they wait. */
  private async queuePlace(c: Context): Promise<string> {
    const position = await this.registrations.waitlistPosition(c.event.id, c.registration.id);
    const why = QUEUE_REASONS[c.registration.waitlistReason ?? ''] ?? 'The event is full';
    return position
      ? `${why}, so you are on the waiting list: number ${position} in the queue.`
      : `${why}, so you are on the waiting list.`;
  }

  /** The outcome as it stands when the email is written, for the "your personal link" email. */
  private async standing(c: Context): Promise<string> {
    if (c.registration.status === 'confirmed') {
      return `You have a place at ${c.event.title}, ${this.when(c.event)}${this.where(c.event)}.`;
    }
    if (c.registration.status === 'waitlisted') return this.queuePlace(c);
    return `Your registration for ${c.event.title} is cancelled; register again while registration is open.`;
  }

  private async promoted(c: Context) {
    if (c.registration.status !== 'confirmed') return undefined;
    const pass = await this.doorPass(c);
    return this.message(
      c,
      {
        subject: `A place opened up: you are in for ${c.event.title}`,
        paragraphs: [
          `Someone cancelled, and their place at ${c.event.title} is now yours: ${this.when(c.event)}${this.where(c.event)}.`,
          'The attached calendar file adds it to your calendar. Use the personal link from your first email to see your registration or sign up for workshops.',
          pass.paragraph,
        ],
      },
      { calendar: true, checkInCode: pass.png },
    );
  }

  private async cancelled(c: Context) {
    return this.message(c, {
      subject: `Your registration for ${c.event.title} is cancelled`,
      paragraphs: [
        `You have cancelled your registration for ${c.event.title}. Your place goes to the next person waiting.`,
        'If this was a mistake, register again while registration is open.',
      ],
    });
  }

  private async link(c: Context) {
    return this.message(c, {
      subject: `Your personal link for ${c.event.title}`,
      paragraphs: [
        'Your email address was used to register for this event again, or to ask for your personal link. ' +
          'If that was not you, you need do nothing: nothing has changed.',
        await this.standing(c),
        'Here is your personal link; it is the same link as in our earlier emails.',
        RegistrationMailComposer.KEEP_LINK,
      ],
      link: this.linkFrom(c.registration),
    });
  }

  private async workshopPromoted(c: Context, { signupId, sessionId }: WorkshopSignupData) {
    if (c.registration.status !== 'confirmed') return undefined;
    const signup = await this.lookups.signup(signupId);
    const session = await this.lookups.session(sessionId);
    if (!signup || signup.status !== 'confirmed' || !session || session.status !== 'scheduled') return undefined;
    const start = DateTime.fromJSDate(session.startsAt, { zone: c.event.timezone });
    return this.message(c, {
      subject: `You have a place in the workshop “${session.title}”`,
      paragraphs: [
        `A place opened up in “${session.title}” (${start.toFormat("cccc d LLLL 'at' HH:mm")}${
          session.room ? `, ${session.room}` : ''
        }), and it is yours.`,
        'If you cannot come after all, leave the workshop with your personal link so the next person gets the place.',
      ],
    });
  }
}
