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

/**
 * "What have you changed in your practice since?": composed when it is sent, and dropped if by
 * then the delegate was erased, cancelled, or stopped the event's emails.
 */
@Injectable()
export class ImpactFollowUpComposer implements OnModuleInit {
  constructor(
    private readonly composers: NotificationComposers,
    private readonly repository: FeedbackRepository,
    private readonly links: SealedPersonalLinks,
    private readonly optOuts: ReminderOptOuts,
    private readonly renderer: MailRenderer,
  ) {}

  onModuleInit(): void {
    this.composers.register(NotificationKind.ImpactFollowUp, (n) => this.compose(n));
  }

  async compose(notification: NotificationOf<NotificationKind.ImpactFollowUp>): Promise<MailMessage | undefined> {
    if (!notification.registrationId) return undefined;
    const delegate = await this.repository.recipient(notification.registrationId);
    if (!delegate || delegate.erasedAt || delegate.status !== 'confirmed' || delegate.eventStatus === 'cancelled') {
      return undefined;
    }
    if (await this.optOuts.isOptedOut(delegate.id)) return undefined;
    const link = this.links.open(delegate.tokenSealed);
    if (!link) return undefined;
    const m = enGB.evidence;
    const subject = m.followUpMailSubject(delegate.eventTitle);
    const optOutUrl = this.optOuts.urlFor(delegate.id);
    const body = this.renderer.render('message', {
      subject,
      name: greetingName(delegate),
      eventTitle: delegate.eventTitle,
      paragraphs: [m.followUpMailBody(delegate.eventTitle)],
      link: { label: m.followUpMailLink, url: `${link}/follow-up` },
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
    [NotificationKind.ImpactFollowUp]: { eventId: string };
  }
}
