import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { NotificationOf } from '../outbox/notification-payloads.js';
import { NotificationComposers } from '../outbox/notification-composers.js';
import { NotificationKind } from '../outbox/notification-kind.js';
import type { MailMessage } from '../platform/mail/mail-message.js';
import { enGB } from '../platform/web/messages.en-GB.js';
import { AttendeeMail } from './attendee-mail.js';
import { FeedbackService } from './feedback.service.js';

/**
 * "Your feedback is still wanted": composed when it is sent, and dropped if by then the
 * delegate has no open form left unanswered, stopped the event's reminders, or was erased.
 */
@Injectable()
export class FeedbackReminderComposer implements OnModuleInit {
  constructor(
    private readonly composers: NotificationComposers,
    private readonly feedback: FeedbackService,
    private readonly mail: AttendeeMail,
  ) {}

  onModuleInit(): void {
    this.composers.register(NotificationKind.FeedbackReminder, (n) => this.compose(n));
  }

  async compose(notification: NotificationOf<NotificationKind.FeedbackReminder>): Promise<MailMessage | undefined> {
    const delegate = await this.mail.recipient(notification.registrationId);
    if (!delegate) return undefined;
    const forms = await this.feedback.forms(delegate);
    if (!forms.some((form) => form.state === 'open')) return undefined;
    const m = enGB.evidence;
    return this.mail.message(delegate, {
      subject: m.reminderMailSubject(delegate.eventTitle),
      body: m.reminderMailBody(delegate.eventTitle),
      linkLabel: m.reminderMailLink,
      linkPath: '/feedback',
    });
  }
}

declare module '../outbox/notification-payloads.js' {
  interface NotificationPayloads {
    [NotificationKind.FeedbackReminder]: { eventId: string };
  }
}
