import { Injectable } from '@nestjs/common';
import type { MailMessage } from '../platform/mail/mail-message.js';
import type { Notification } from './notification.entity.js';
import type { NotificationKind } from './notification-kind.js';
import type { NotificationOf } from './notification-payloads.js';

/**
 * Renders one outbox row into an email at send time, from current data. Returning
 * undefined means the email is no longer wanted (e.g. its session was cancelled): the
 * row ends as cancelled.
 */
export type NotificationComposer<K extends NotificationKind = NotificationKind> = (
  notification: NotificationOf<K>,
) => Promise<MailMessage | undefined>;

type AnyComposer = (notification: Notification) => Promise<MailMessage | undefined>;

/** Each module registers composers for its own kinds in onModuleInit. */
@Injectable()
export class NotificationComposers {
  private readonly composers = new Map<string, AnyComposer>();

  register<K extends NotificationKind>(kind: K, composer: NotificationComposer<K>): void {
    if (this.composers.has(kind)) throw new Error(`A composer for ${kind} is already registered`);
    // Rows reach a composer by their kind, so a row's data is that kind's payload.
    this.composers.set(kind, composer as unknown as AnyComposer);
  }

  get(kind: string): AnyComposer | undefined {
    return this.composers.get(kind);
  }

  registeredKinds(): string[] {
    return [...this.composers.keys()];
  }
}
