import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../platform/clock/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { messageIdFor } from '../platform/mail/message-id.js';
import { MailTransport } from '../platform/mail/mail-transport.js';
import { NotificationComposers } from './notification-composers.js';
import { OutboxRepository } from './outbox.repository.js';
import {
  classifySendFailure,
  describeSendFailure,
  retryDelayMs,
  sendFailureCode,
  stackFrames,
} from './smtp-failure.js';

/** Sends one outbox row: claim, compose, send, mark. */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly composers: NotificationComposers,
    private readonly transport: MailTransport,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async deliver(notificationId: string): Promise<void> {
    const notification = await this.outbox.claimForSending(notificationId);
    if (!notification) return; // Sent, cancelled or claimed by another job: nothing to do.

    const composer = this.composers.get(notification.kind);
    if (!composer) {
      await this.outbox.markFailed(notification.id, `No composer for kind ${notification.kind}`);
      return;
    }
    let message;
    try {
      message = await composer(notification);
    } catch (error) {
      this.logger.error(
        { notificationId, stack: stackFrames(error) },
        `Composing an email failed: ${sendFailureCode(error)}`,
      );
      await this.outbox.markFailed(notification.id, `Could not compose: ${describeSendFailure(error)}`);
      return;
    }
    if (!message) {
      await this.outbox.markCancelled(notification.id, 'No longer needed when it was due.');
      return;
    }

    try {
      await this.transport.send({
        ...message,
        messageId: message.messageId ?? messageIdFor(notification.id, this.config.mailFrom),
      });
    } catch (error) {
      const reason = describeSendFailure(error);
      const giveUp =
        classifySendFailure(error) === 'permanent' || notification.attempts >= this.config.outboxMaxAttempts;
      if (giveUp) {
        this.logger.warn(
          { notificationId, attempts: notification.attempts },
          `Email failed: ${sendFailureCode(error)}`,
        );
        await this.outbox.markFailed(notification.id, reason);
      } else {
        const retryAt = new Date(
          this.clock.now().getTime() + retryDelayMs(notification.attempts, this.config.outboxBackoffMs),
        );
        await this.outbox.markRetry(notification.id, reason, retryAt);
      }
      return;
    }
    await this.outbox.markSent(notification.id, this.clock.now());
  }
}
