import { Module } from '@nestjs/common';
import { AgencyPlacesRepository } from './agency-places/agency-places.repository.js';
import { AgencyPlacesService } from './agency-places/agency-places.service.js';
import { AgenciesModule } from '../agencies/agencies.module.js';
import { EventsModule } from '../events/events.module.js';
import { BackgroundWork } from '../platform/background/background-work.js';
import { DelegateAccessModule } from './access/delegate-access.module.js';
import { RegistrationMailModule } from './registration-mail.module.js';
import { RegistrationHooksModule } from './registration-erased.hooks.js';
import { EventRegistrationsController, MyRegistrationController } from './registrations.controller.js';
import { AttendeesRepository } from './attendees.repository.js';
import { AttendeesService } from './attendees.service.js';
import { DelegateDetailsRepository } from './delegate-details.repository.js';
import { DelegateDetailsService } from './delegate-details.service.js';
import { DelegatesRepository } from './delegates.repository.js';
import { DelegatesService } from './delegates.service.js';
import { NewDelegateSchedule } from './new-delegate-schedule.js';
import { WorkshopSignupsRepository } from './workshop-signups.repository.js';
import { WorkshopSignupsService } from './workshop-signups.service.js';
import { CheckInRepository } from './check-in/check-in.repository.js';
import { CheckInService } from './check-in/check-in.service.js';
import { CheckInController } from './check-in/check-in.controller.js';
import { AuthModule } from '../identity/auth.module.js';
import { NotificationsModule } from '../outbox/notifications.module.js';

/** Registrations, the waiting list, workshop sign-ups and check-in. */
@Module({
  imports: [
    AuthModule,
    NotificationsModule,
    AgenciesModule,
    EventsModule,
    RegistrationMailModule,
    DelegateAccessModule,
    RegistrationHooksModule,
  ],
  controllers: [EventRegistrationsController, MyRegistrationController, CheckInController],
  providers: [
    DelegatesRepository,
    DelegatesService,
    DelegateDetailsService,
    DelegateDetailsRepository,
    NewDelegateSchedule,
    WorkshopSignupsRepository,
    WorkshopSignupsService,
    AttendeesRepository,
    AttendeesService,
    CheckInRepository,
    CheckInService,
    BackgroundWork,
    AgencyPlacesRepository,
    AgencyPlacesService,
  ],
  exports: [
    DelegatesService,
    DelegateDetailsService,
    WorkshopSignupsService,
    AttendeesService,
    CheckInService,
    AgencyPlacesService,
  ],
})
export class RegistrationsModule {}
