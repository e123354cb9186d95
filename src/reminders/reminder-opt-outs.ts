import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../platform/clock/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { KeyRing } from '../platform/crypto/key-ring.js';
import { SignedValues } from '../platform/crypto/signed-value.js';
import { NotificationKind } from '../outbox/notification-kind.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { ReminderOptOutsRepository, type OptOutSubject } from './reminder-opt-outs.repository.js';

/**
 * A delegate's opt-out of an event's reminders and follow-ups, by the signed link in those
 * emails (List-Unsubscribe, one click): the link names the registration and carries an HMAC,
 * so it needs no login and cannot be made up for someone else. Their other mail (confirmations,
 * changes to what they signed up for) still comes: it is not marketing.
 */
@Injectable()
export class ReminderOptOuts {
  private readonly links: SignedValues;

  constructor(
    private readonly repo: ReminderOptOutsRepository,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @InjectDataSource() private readonly db: DataSource,
    keys: KeyRing,
  ) {
    this.links = new SignedValues(keys, 'reminder-opt-out');
  }

  /** The one-click address for a delegate's reminders. */
  urlFor(registrationId: string): string {
    return `${this.config.appUrl.replace(/\/+$/, '')}/reminders/stop/${this.links.sign(registrationId)}`;
  }

  /** Who a link is for; undefined for a link that was not signed here or whose delegate is gone. */
  async find(token: string): Promise<OptOutSubject | undefined> {
    const registrationId = this.links.verify(token);
    return registrationId ? this.repo.subject(registrationId) : undefined;
  }

  /** Stops the delegate's reminders, and withdraws those already waiting in the outbox. */
  async stop(token: string): Promise<OptOutSubject | undefined> {
    const subject = await this.find(token);
    if (!subject) return undefined;
    await this.db.transaction(async (manager) => {
      await this.repo.insert(manager, subject.registrationId, this.clock.now());
      await this.outbox.cancelPendingForRegistration(manager, subject.registrationId, [NotificationKind.Reminder]);
    });
    return { ...subject, optedOut: true };
  }

  isOptedOut(registrationId: string): Promise<boolean> {
    return this.repo.isOptedOut(registrationId);
  }
}
