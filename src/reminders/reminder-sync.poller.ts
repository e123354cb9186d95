import { Injectable, Logger } from '@nestjs/common';
import { WorkerSweep } from '../platform/clock/interval-task.js';
import { AppConfig } from '../platform/config/app-config.js';
import { RemindersService } from './reminders.service.js';

/**
 * Worker-side safety net: every so often each event's reminders are reconciled with
 * its rules, so a change made by a path that forgot to reschedule is caught. The
 * composer checks again when a reminder is due, so nothing stale is ever sent.
 */
@Injectable()
export class ReminderSyncPoller extends WorkerSweep {
  constructor(
    private readonly reminders: RemindersService,
    config: AppConfig,
  ) {
    super('Reminder sweep', config.reminderSyncMs, new Logger(ReminderSyncPoller.name));
  }

  protected pass(): Promise<void> {
    return this.reminders.syncAll();
  }
}
