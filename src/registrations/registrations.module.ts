import { Module } from '@nestjs/common';
import { PersonalPageController } from './personal-page.controller.js';
import { RegistrationMailModule } from './registration-mail.module.js';
import { EventRegistrationsController, MyRegistrationController } from './registrations.controller.js';
import { RegistrationsRepository } from './registrations.repository.js';
import { RegistrationsService } from './registrations.service.js';

/** Registrations, the waiting list, workshop sign-ups and check-in. */
@Module({
  imports: [RegistrationMailModule],
  controllers: [EventRegistrationsController, MyRegistrationController, PersonalPageController],
  providers: [RegistrationsRepository, RegistrationsService],
  exports: [RegistrationsService],
})
export class RegistrationsModule {}
