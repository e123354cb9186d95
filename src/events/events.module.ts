import { Module } from '@nestjs/common';
import { AgendaCache } from '../agenda/agenda-cache.js';
import { EventCancelledComposer } from './event-cancelled.composer.js';
import { EventDateShiftHooks } from './event-date-shift.hooks.js';
import { EventsController } from './events.controller.js';
import { EventsRepository } from './events.repository.js';
import { EventsService } from './events.service.js';
import { OptionalStaffGuard } from './optional-staff.guard.js';

/** Events, their staff and their status; the agenda cache every agenda write invalidates. */
@Module({
  controllers: [EventsController],
  providers: [
    EventsService,
    EventsRepository,
    AgendaCache,
    OptionalStaffGuard,
    EventCancelledComposer,
    EventDateShiftHooks,
  ],
  exports: [EventsService, EventsRepository, AgendaCache, OptionalStaffGuard, EventDateShiftHooks],
})
export class EventsModule {}
