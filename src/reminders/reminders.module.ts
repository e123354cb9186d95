import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { ReminderOptOutPagesController } from './pages/reminder-opt-out-pages.controller.js';
import { FollowUpMailHooks } from './follow-up-mail.hooks.js';
import { ReminderComposer } from './reminder.composer.js';
import { ReminderOptOuts } from './reminder-opt-outs.js';
import { ReminderOptOutsRepository } from './reminder-opt-outs.repository.js';
import { ReminderPreviewService } from './reminder-preview.service.js';
import { RemindersController } from './reminders.controller.js';
import { ReminderContextRepository, RemindersRepository } from './reminders.repository.js';
import { ReminderRulesRepository } from './reminder-rules.repository.js';
import { RemindersFollowSchedule } from './reminders-follow-schedule.js';
import { RemindersService } from './reminders.service.js';
import { SealedPersonalLinks } from '../registrations/sealed-personal-links.js';
import { AuthModule } from '../identity/auth.module.js';
import { NotificationsModule } from '../outbox/notifications.module.js';

/**
 * Reminder rules and the organisers' view of the outbox. Reminders follow every schedule
 * change through the events' ScheduleChangeHooks, so nothing below imports this module.
 */
@Module({
  imports: [AuthModule, NotificationsModule, EventsModule],
  controllers: [RemindersController, ReminderOptOutPagesController],
  providers: [
    RemindersService,
    RemindersRepository,
    ReminderContextRepository,
    ReminderComposer,
    ReminderPreviewService,
    RemindersFollowSchedule,
    ReminderRulesRepository,
    ReminderOptOuts,
    ReminderOptOutsRepository,
    SealedPersonalLinks,
    FollowUpMailHooks,
  ],
  exports: [RemindersService, ReminderPreviewService, ReminderOptOuts, FollowUpMailHooks],
})
export class RemindersModule {}
