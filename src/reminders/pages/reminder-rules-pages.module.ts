import { Module } from '@nestjs/common';
import { EventsModule } from '../../events/events.module.js';
import { RemindersModule } from '../reminders.module.js';
import { ReminderRulesPagesController } from './reminder-rules-pages.controller.js';
import { AuthModule } from '../../identity/auth.module.js';

/** The organisers' reminder-rules pages (the rules' service and its preview come from RemindersModule). */
@Module({ imports: [AuthModule, EventsModule, RemindersModule], controllers: [ReminderRulesPagesController] })
export class ReminderRulesPagesModule {}
