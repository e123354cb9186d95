import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../platform/config/app-config.js';
import { MailRenderer } from '../platform/mail/mail-renderer.js';
import { NotificationComposers } from '../outbox/notification-composers.js';
import { NotificationKind } from '../outbox/notification-kind.js';
import type { NotificationOf } from '../outbox/notification-payloads.js';
import { LinkOfficersService, SIGN_IN_LINK_MINUTES } from './link-officers.service.js';

/** The link officers' emails: the sign-in link (opened from its sealed copy) and the hand-over. */
@Injectable()
export class LinkOfficerMailComposer implements OnModuleInit {
  constructor(
    private readonly composers: NotificationComposers,
    private readonly renderer: MailRenderer,
    private readonly config: AppConfig,
    private readonly officers: LinkOfficersService,
  ) {}

  onModuleInit(): void {
    this.composers.register(NotificationKind.LinkOfficerSignIn, (n) => Promise.resolve(this.signIn(n)));
    this.composers.register(NotificationKind.LinkOfficerHandOver, (n) => Promise.resolve(this.handOver(n)));
  }

  private signIn(notification: NotificationOf<NotificationKind.LinkOfficerSignIn>) {
    const token = this.officers.openSealed(notification.data.tokenSealed);
    // The page at this address only offers a button that posts the token: a GET uses nothing up.
    const url = new URL(`/link-officer/sign-in/${token}`, this.config.appUrl).toString();
    const data = {
      subject: 'Your link to sign in as a link officer',
      paragraphs: [
        `Use this link within ${SIGN_IN_LINK_MINUTES} minutes to sign in to your agency's page. It works once.`,
        'If you did not ask to sign in, you can ignore this email.',
      ],
      link: { label: 'Sign in', url },
    };
    return { to: notification.recipient, subject: data.subject, ...this.renderer.render('message', data) };
  }

  private handOver(notification: NotificationOf<NotificationKind.LinkOfficerHandOver>) {
    const { agencyName, from } = notification.data;
    const url = new URL('/link-officer/sign-in', this.config.appUrl).toString();
    const data = {
      subject: `You are now a link officer for ${agencyName}`,
      paragraphs: [
        `${from ? `${from} has handed you the role of link officer` : "The network's organisers have made you a link officer"} for ${agencyName}. Sign in with your email address to see your agency's page: this year's events and who from your agency is going.`,
      ],
      link: { label: 'Sign in as a link officer', url },
    };
    return { to: notification.recipient, subject: data.subject, ...this.renderer.render('message', data) };
  }
}
