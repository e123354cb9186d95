import { Module } from '@nestjs/common';
import { EventsModule } from '../../events/events.module.js';
import { RemindersModule } from '../reminders.module.js';
import { ReminderRulesPagesController } from './reminder-rules-pages.controller.js';

/** The organisers' reminder-rules pages (the rules' service and its preview come from RemindersModule). */
@Module({ imports: [EventsModule, RemindersModule], controllers: [ReminderRulesPagesController] })
export class ReminderRulesPagesModule {}
