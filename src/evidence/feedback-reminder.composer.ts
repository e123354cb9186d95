import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { NotificationOf } from '../outbox/notification-payloads.js';
import { NotificationComposers } from '../outbox/notification-composers.js';
import { NotificationKind } from '../outbox/notification-kind.js';
import type { MailMessage } from '../platform/mail/mail-message.js';
import { MailRenderer } from '../platform/mail/mail-renderer.js';
import { enGB } from '../platform/web/messages.en-GB.js';
import { greetingName } from '../registrations/registration.entity.js';
import { SealedPersonalLinks } from '../registrations/sealed-personal-links.js';
import { ReminderOptOuts } from '../reminders/reminder-opt-outs.js';
import { FeedbackRepository } from './feedback.repository.js';
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
    private readonly repository: FeedbackRepository,
    private readonly links: SealedPersonalLinks,
    private readonly optOuts: ReminderOptOuts,
    private readonly renderer: MailRenderer,
  ) {}

  onModuleInit(): void {
    this.composers.register(NotificationKind.FeedbackReminder, (n) => this.compose(n));
  }

  async compose(notification: NotificationOf<NotificationKind.FeedbackReminder>): Promise<MailMessage | undefined> {
    if (!notification.registrationId) return undefined;
    const delegate = await this.repository.recipient(notification.registrationId);
    if (!delegate || delegate.erasedAt || delegate.status !== 'confirmed' || delegate.eventStatus === 'cancelled') {
      return undefined;
    }
    if (await this.optOuts.isOptedOut(delegate.id)) return undefined;
    const forms = await this.feedback.forms(delegate);
    if (!forms.some((form) => form.state === 'open')) return undefined;
    const link = this.links.open(delegate.tokenSealed);
    if (!link) return undefined;
    const m = enGB.evidence;
    const subject = m.reminderMailSubject(delegate.eventTitle);
    const optOutUrl = this.optOuts.urlFor(delegate.id);
    const body = this.renderer.render('message', {
      subject,
      name: greetingName(delegate),
      eventTitle: delegate.eventTitle,
      paragraphs: [m.reminderMailBody(delegate.eventTitle)],
      link: { label: m.reminderMailLink, url: `${link}/feedback` },
      optOut: {
        reason: `You get reminders because you registered for ${delegate.eventTitle}.`,
        label: 'Stop reminder emails',
        url: optOutUrl,
      },
    });
    return {
      to: delegate.email,
      subject,
      ...body,
      list: { id: `reminders.${delegate.eventId}`, unsubscribeUrl: optOutUrl },
    };
  }
}

declare module '../outbox/notification-payloads.js' {
  interface NotificationPayloads {
    [NotificationKind.FeedbackReminder]: { eventId: string };
  }
}
