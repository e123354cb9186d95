import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ScheduleChangeHooks } from '../events/schedule-change.hooks.js';
import { RemindersService } from './reminders.service.js';

/**
 * Reschedules reminders inside the transaction of whatever changed an event's schedule
 * (its dates or status, a session, a delegate's place), so the two always commit together.
 */
@Injectable()
export class RemindersFollowSchedule implements OnModuleInit {
  constructor(
    private readonly scheduleChanges: ScheduleChangeHooks,
    private readonly reminders: RemindersService,
  ) {}

  onModuleInit(): void {
    this.scheduleChanges.register(async (manager, change) => {
      await this.reminders.syncEvent(manager, change.eventId, change.registrationId ?? null);
    });
  }
}
