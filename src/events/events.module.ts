import { Module } from '@nestjs/common';
import { AgendaCache } from './agenda-cache.js';
import { EventCancelledComposer } from './event-cancelled.composer.js';
import { EventsController } from './events.controller.js';
import { EventsService } from './events.service.js';
import { OptionalStaffGuard } from './optional-staff.guard.js';

/** Events, their staff and their status; the agenda cache every agenda write invalidates. */
@Module({
  controllers: [EventsController],
  providers: [EventsService, AgendaCache, OptionalStaffGuard, EventCancelledComposer],
  exports: [EventsService, AgendaCache, OptionalStaffGuard],
})
export class EventsModule {}
