import { Module } from '@nestjs/common';
import { EventCommittedHooks } from './event-committed.hooks.js';
import { EventCancelledHooks } from './event-cancelled.hooks.js';
import { EventDatesHooks } from './event-dates.hooks.js';
import { EventChangeNotices } from './event-change-notices.js';
import { EventChangedComposer } from './event-changed.composer.js';
import { EventAudience } from './event-audience.js';
import { EventOutboxController } from './event-outbox.controller.js';
import { EventsController } from './events.controller.js';
import { EventsRepository } from './events.repository.js';
import { EventsService } from './events.service.js';
import { OptionalStaffGuard } from './optional-staff.guard.js';
import { EventPagesController } from './pages/event-pages.controller.js';
import { MyEventsPagesController } from './pages/my-events.controller.js';
import { ScheduleChangeHooks } from './schedule-change.hooks.js';
import { AuthModule } from '../identity/auth.module.js';
import { NotificationsModule } from '../outbox/notifications.module.js';

/** Events, their staff and their status, and the hooks through which what hangs on an event follows it. */
@Module({
  imports: [AuthModule, NotificationsModule],
  controllers: [EventsController, EventOutboxController, MyEventsPagesController, EventPagesController],
  providers: [
    EventsService,
    EventsRepository,
    OptionalStaffGuard,
    EventDatesHooks,
    EventCancelledHooks,
    ScheduleChangeHooks,
    EventCommittedHooks,
    EventChangeNotices,
    EventAudience,
    EventChangedComposer,
  ],
  exports: [
    EventsService,
    EventsRepository,
    OptionalStaffGuard,
    EventDatesHooks,
    EventCancelledHooks,
    ScheduleChangeHooks,
    EventCommittedHooks,
    EventAudience,
  ],
})
export class EventsModule {}
