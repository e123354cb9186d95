import { Module } from '@nestjs/common';
import { EventsModule } from '../../events/events.module.js';
import { RegistrationsModule } from '../registrations.module.js';
import { CheckInPagesController } from './check-in-pages.controller.js';
import { CheckInTaps } from './check-in-taps.js';

/** The organisers' pages about registrations: door check-in. */
@Module({
  imports: [RegistrationsModule, EventsModule],
  controllers: [CheckInPagesController],
  providers: [CheckInTaps],
})
export class StaffRegistrationPagesModule {}
