import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../platform/config/app-config.js';
import { RemindersService } from './reminders.service.js';

/**
 * Worker-side safety net: every so often each event's reminders are reconciled with
 * its rules, so a change made by a path that forgot to reschedule is caught. The
 * composer checks again when a reminder is due, so nothing stale is ever sent.
 */
@Injectable()
export class ReminderSyncPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReminderSyncPoller.name);
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly reminders: RemindersService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.reminderSyncMs);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.reminders.syncAll();
    } catch (error) {
      this.logger.warn({ err: error }, 'Reminder sweep failed; will try again');
    } finally {
      this.running = false;
    }
  }
}
