import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { IntervalTask } from '../platform/clock/interval-task.js';
import { AppConfig } from '../platform/config/app-config.js';
import { RemindersService } from './reminders.service.js';

/**
 * Worker-side safety net: every so often each event's reminders are reconciled with
 * its rules, so a change made by a path that forgot to reschedule is caught. The
 * composer checks again when a reminder is due, so nothing stale is ever sent.
 */
@Injectable()
export class ReminderSyncPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new IntervalTask(
    'Reminder sweep',
    () => this.reminders.syncAll(),
    new Logger(ReminderSyncPoller.name),
  );

  constructor(
    private readonly reminders: RemindersService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.reminderSyncMs);
  }

  onApplicationShutdown(): void {
    this.task.stop();
  }

  sweep(): Promise<void> {
    return this.task.runOnce();
  }
}
