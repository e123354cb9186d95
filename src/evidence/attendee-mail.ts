import { Injectable } from '@nestjs/common';
import type { MailMessage } from '../platform/mail/mail-message.js';
import { MailRenderer } from '../platform/mail/mail-renderer.js';
import { greetingName } from '../registrations/registration.entity.js';
import { SealedPersonalLinks } from '../registrations/sealed-personal-links.js';
import { ReminderOptOuts } from '../reminders/reminder-opt-outs.js';
import { FeedbackRepository, type Recipient } from './feedback.repository.js';

/** The words of one evidence email to an attendee. */
export interface AttendeeMailText {
  subject: string;
  body: string;
  linkLabel: string;
  /** Where on the delegate's personal page the link goes, e.g. `/feedback`. */
  linkPath: string;
}

/**
 * What the evidence emails to attendees share: who may still get one (confirmed, not erased,
 * the event not cancelled, the event's reminders not stopped), and the email itself, with the
 * delegate's personal link and the reminders' one-click opt-out.
 */
@Injectable()
export class AttendeeMail {
  constructor(
    private readonly repository: FeedbackRepository,
    private readonly links: SealedPersonalLinks,
    private readonly optOuts: ReminderOptOuts,
    private readonly renderer: MailRenderer,
  ) {}

  async recipient(registrationId: string | null): Promise<Recipient | undefined> {
    if (!registrationId) return undefined;
    const delegate = await this.repository.recipient(registrationId);
    if (!delegate || delegate.erasedAt || delegate.status !== 'confirmed' || delegate.eventStatus === 'cancelled') {
      return undefined;
    }
    return (await this.optOuts.isOptedOut(delegate.id)) ? undefined : delegate;
  }

  message(delegate: Recipient, text: AttendeeMailText): MailMessage | undefined {
    const link = this.links.open(delegate.tokenSealed);
    if (!link) return undefined;
    const optOutUrl = this.optOuts.urlFor(delegate.id);
    const body = this.renderer.render('message', {
      subject: text.subject,
      name: greetingName(delegate),
      eventTitle: delegate.eventTitle,
      paragraphs: [text.body],
      link: { label: text.linkLabel, url: `${link}${text.linkPath}` },
      optOut: {
        reason: `You get reminders because you registered for ${delegate.eventTitle}.`,
        label: 'Stop reminder emails',
        url: optOutUrl,
      },
    });
    return {
      to: delegate.email,
      subject: text.subject,
      ...body,
      list: { id: `reminders.${delegate.eventId}`, unsubscribeUrl: optOutUrl },
    };
  }
}
