import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { NotificationOf } from '../outbox/notification-payloads.js';
import { NotificationComposers } from '../outbox/notification-composers.js';
import { NotificationKind } from '../outbox/notification-kind.js';
import type { MailMessage } from '../platform/mail/mail-message.js';
import { enGB } from '../platform/web/messages.en-GB.js';
import { AttendeeMail } from './attendee-mail.js';

/**
 * "What have you changed in your practice since?": composed when it is sent, and dropped if by
 * then the delegate was erased, cancelled, or stopped the event's emails.
 */
@Injectable()
export class ImpactFollowUpComposer implements OnModuleInit {
  constructor(
    private readonly composers: NotificationComposers,
    private readonly mail: AttendeeMail,
  ) {}

  onModuleInit(): void {
    this.composers.register(NotificationKind.ImpactFollowUp, (n) => this.compose(n));
  }

  async compose(notification: NotificationOf<NotificationKind.ImpactFollowUp>): Promise<MailMessage | undefined> {
    const delegate = await this.mail.recipient(notification.registrationId);
    if (!delegate) return undefined;
    const m = enGB.evidence;
    return this.mail.message(delegate, {
      subject: m.followUpMailSubject(delegate.eventTitle),
      body: m.followUpMailBody(delegate.eventTitle),
      linkLabel: m.followUpMailLink,
      linkPath: '/follow-up',
    });
  }
}

declare module '../outbox/notification-payloads.js' {
  interface NotificationPayloads {
    [NotificationKind.ImpactFollowUp]: { eventId: string };
  }
}
