import { Module } from '@nestjs/common';
import { EventCancelledComposer } from './event-cancelled.composer.js';
import { EventCommittedHooks } from './event-committed.hooks.js';
import { EventDateShiftHooks } from './event-date-shift.hooks.js';
import { EventsController } from './events.controller.js';
import { EventsRepository } from './events.repository.js';
import { EventsService } from './events.service.js';
import { OptionalStaffGuard } from './optional-staff.guard.js';
import { ScheduleChangeHooks } from './schedule-change.hooks.js';

/** Events, their staff and their status, and the hooks through which what hangs on an event follows it. */
@Module({
  controllers: [EventsController],
  providers: [
    EventsService,
    EventsRepository,
    OptionalStaffGuard,
    EventCancelledComposer,
    EventDateShiftHooks,
    ScheduleChangeHooks,
    EventCommittedHooks,
  ],
  exports: [
    EventsService,
    EventsRepository,
    OptionalStaffGuard,
    EventDateShiftHooks,
    ScheduleChangeHooks,
    EventCommittedHooks,
  ],
})
export class EventsModule {}
