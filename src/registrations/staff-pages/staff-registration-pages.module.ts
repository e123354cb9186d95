import { Module } from '@nestjs/common';
import { AgenciesModule } from '../../agencies/agencies.module.js';
import { EventsModule } from '../../events/events.module.js';
import { RegistrationsModule } from '../registrations.module.js';
import { AgencyPlacesPagesController } from './agency-places-pages.controller.js';
import { CheckInPagesController } from './check-in-pages.controller.js';
import { CheckInTaps } from './check-in-taps.js';
import { DelegatesPagesController } from './delegates-pages.controller.js';
import { AuthModule } from '../../identity/auth.module.js';

/** The organisers' pages about registrations: door check-in, the delegate list and one delegate, places per agency. */
@Module({
  imports: [AuthModule, RegistrationsModule, EventsModule, AgenciesModule],
  controllers: [CheckInPagesController, DelegatesPagesController, AgencyPlacesPagesController],
  providers: [CheckInTaps],
})
export class StaffRegistrationPagesModule {}
