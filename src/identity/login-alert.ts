import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../platform/config/app-config.js';
import { Clock } from '../platform/clock/clock.js';
import type { MessageData } from '../outbox/message.composer.js';
import { NotificationKind } from '../outbox/notification-kind.js';
import { OutboxService } from '../outbox/outbox.service.js';

/**
 * Tells an account's owner that someone keeps failing to sign in to it. It says how many
 * attempts and where to change the password; never the password tried, nor where from.
 */
@Injectable()
export class LoginAlert {
  constructor(
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async send(user: { id: string; email: string }, attempts: number): Promise<void> {
    const now = this.clock.now();
    const data: MessageData = {
      subject: 'Unsuccessful sign-in attempts to your Plenary account',
      paragraphs: [
        `Someone has tried ${attempts} times in the last 15 minutes to sign in to the Plenary staff account for this address, without the right password.`,
        'If it was you, there is nothing to do. Your own computer is not held up by these attempts: sign-ins from where you have signed in before still go through.',
        'If it was not you, your account is safe as long as the password is not guessed. A long password used nowhere else keeps it so: you can change it after signing in.',
      ],
      link: { label: 'Sign in to Plenary', url: new URL('/staff/sign-in', this.config.appUrl).toString() },
    };
    await this.outbox.enqueue(this.db.manager, {
      kind: NotificationKind.Message,
      recipient: user.email,
      data,
      sendAt: now,
      // One per account per hour, whichever process noticed first.
      dedupeKey: `login-alert:${user.id}:${Math.floor(now.getTime() / 3600_000)}`,
    });
  }
}
