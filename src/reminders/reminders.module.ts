import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { ReminderComposer } from './reminder.composer.js';
import { ReminderPreviewService } from './reminder-preview.service.js';
import { RemindersController } from './reminders.controller.js';
import { ReminderContextRepository, RemindersRepository } from './reminders.repository.js';
import { RemindersFollowSchedule } from './reminders-follow-schedule.js';
import { RemindersService } from './reminders.service.js';

/**
 * Reminder rules and the organisers' view of the outbox. Reminders follow every schedule
 * change through the events' ScheduleChangeHooks, so nothing below imports this module.
 */
@Module({
  imports: [EventsModule],
  controllers: [RemindersController],
  providers: [
    RemindersService,
    RemindersRepository,
    ReminderContextRepository,
    ReminderComposer,
    ReminderPreviewService,
    RemindersFollowSchedule,
  ],
  exports: [RemindersService],
})
export class RemindersModule {}
