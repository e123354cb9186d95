import { Injectable } from '@nestjs/common';
import type { MailMessage } from '../platform/mail/mail-message.js';
import type { Notification } from './notification.entity.js';
import type { NotificationKind } from './notification-kind.js';

/**
 * Renders one outbox row into an email at send time, from current data. Returning
 * undefined means the email is no longer wanted (e.g. its session was cancelled): the
 * row ends as cancelled.
 */
export type NotificationComposer = (notification: Notification) => Promise<MailMessage | undefined>;

/** Each module registers composers for its own kinds in onModuleInit. */
@Injectable()
export class NotificationComposers {
  private readonly composers = new Map<string, NotificationComposer>();

  register(kind: NotificationKind, composer: NotificationComposer): void {
    if (this.composers.has(kind)) throw new Error(`A composer for ${kind} is already registered`);
    this.composers.set(kind, composer);
  }

  get(kind: string): NotificationComposer | undefined {
    return this.composers.get(kind);
  }

  registeredKinds(): string[] {
    return [...this.composers.keys()];
  }
}
