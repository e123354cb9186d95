import { Module } from '@nestjs/common';
import { BackgroundWork } from '../platform/background/background-work.js';
import { DelegateAccessModule } from './access/delegate-access.module.js';
import { RegistrationMailModule } from './registration-mail.module.js';
import { EventRegistrationsController, MyRegistrationController } from './registrations.controller.js';
import { RegistrationsRepository } from './registrations.repository.js';
import { RegistrationsService } from './registrations.service.js';
import { CheckInRepository } from './check-in/check-in.repository.js';
import { CheckInService } from './check-in/check-in.service.js';
import { CheckInController } from './check-in/check-in.controller.js';

/** Registrations, the waiting list, workshop sign-ups and check-in. */
@Module({
  imports: [RegistrationMailModule, DelegateAccessModule],
  controllers: [EventRegistrationsController, MyRegistrationController, CheckInController],
  providers: [RegistrationsRepository, RegistrationsService, CheckInRepository, CheckInService, BackgroundWork],
  exports: [RegistrationsService, CheckInService],
})
export class RegistrationsModule {}
