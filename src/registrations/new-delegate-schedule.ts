import { Injectable, Logger } from '@nestjs/common';
import { ScheduleChangeHooks } from '../events/schedule-change.hooks.js';
import { DelegatesRepository } from './delegates.repository.js';

/**
 * A new delegate's place in the schedule, announced after their registration has committed,
 * in a transaction of its own: reminder rules are evaluated outside the event's seat lock, so
 * the lock covers only the seat, the registration row and its welcome email. Should this
 * process stop between the two (or the announcement fail), the periodic reminder sweep
 * writes the delegate's reminders; nothing is lost, only later.
 */
@Injectable()
export class NewDelegateSchedule {
  private readonly logger = new Logger(NewDelegateSchedule.name);

  constructor(
    private readonly registrations: DelegatesRepository,
    private readonly scheduleChanges: ScheduleChangeHooks,
  ) {}

  async announce(eventId: string, registrationId: string): Promise<void> {
    try {
      await this.registrations.transaction((manager) =>
        this.scheduleChanges.announce(manager, { eventId, registrationId }),
      );
    } catch (error) {
      this.logger.warn({ err: error, eventId }, "A new delegate's reminders are left to the next sweep");
    }
  }
}
