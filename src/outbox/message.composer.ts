import { Injectable, OnModuleInit } from '@nestjs/common';
import { MailRenderer } from '../platform/mail/mail-renderer.js';
import { NotificationComposers } from './notification-composers.js';
import { NotificationKind } from './notification-kind.js';
import type { NotificationOf } from './notification-payloads.js';

export type MessageData = {
  subject: string;
  /** Left out, the greeting is a plain "Hello,". */
  name?: string;
  paragraphs: string[];
  link?: { label: string; url: string };
  eventTitle?: string;
  /** Mail a delegate may stop (reminders): why they get it and the page that stops it, in the footer. */
  optOut?: { reason: string; label: string; url: string };
};

/** The plain "message" kind: a subject, paragraphs and an optional link. */
@Injectable()
export class MessageComposer implements OnModuleInit {
  constructor(
    private readonly composers: NotificationComposers,
    private readonly renderer: MailRenderer,
  ) {}

  onModuleInit(): void {
    this.composers.register(NotificationKind.Message, (n) => this.compose(n));
  }

  async compose(notification: NotificationOf<NotificationKind.Message>) {
    const { data } = notification;
    return { to: notification.recipient, subject: data.subject, ...this.renderer.render('message', data) };
  }
}
