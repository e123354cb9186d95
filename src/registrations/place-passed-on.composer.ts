import { Injectable, OnModuleInit } from '@nestjs/common';
import { MailRenderer } from '../platform/mail/mail-renderer.js';
import { NotificationComposers } from '../outbox/notification-composers.js';
import { NotificationKind } from '../outbox/notification-kind.js';
import type { NotificationOf } from '../outbox/notification-payloads.js';

/** The email to a delegate whose place their agency's link officer passed on to a colleague. */
@Injectable()
export class PlacePassedOnComposer implements OnModuleInit {
  constructor(
    private readonly composers: NotificationComposers,
    private readonly renderer: MailRenderer,
  ) {}

  onModuleInit(): void {
    this.composers.register(NotificationKind.RegistrationPassedOn, (n) => Promise.resolve(this.passedOn(n)));
  }

  private passedOn(notification: NotificationOf<NotificationKind.RegistrationPassedOn>) {
    const { eventTitle, agencyName } = notification.data;
    const data = {
      subject: `Your place at ${eventTitle} has been passed on`,
      paragraphs: [
        `The link officer for ${agencyName} has passed your place at ${eventTitle} on to a colleague, so your registration is cancelled and your personal link no longer works.`,
        `If this is a mistake, speak to your link officer, or register again while registration is open.`,
      ],
      eventTitle,
    };
    return { to: notification.recipient, subject: data.subject, ...this.renderer.render('message', data) };
  }
}
