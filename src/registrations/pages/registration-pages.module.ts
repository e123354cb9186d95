import { Module } from '@nestjs/common';
import { PagesModule } from '../../agenda/pages/pages.module.js';
import { EventsModule } from '../../events/events.module.js';
import { RegistrationAvailabilityRepository } from '../registration-availability.repository.js';
import { RegistrationAvailability } from '../registration-availability.service.js';
import { DelegateAccessModule } from '../access/delegate-access.module.js';
import { RegistrationsModule } from '../registrations.module.js';
import { LostLinkPages } from './lost-link-pages.js';
import { LostLinkPagesController } from './lost-link-pages.controller.js';
import { PersonalPagesController } from './personal-pages.controller.js';
import { RegisterPagesController } from './registration-pages.controller.js';

/** A delegate's pages: register, ask for the link again, and the personal page the link opens. */
@Module({
  imports: [RegistrationsModule, DelegateAccessModule, EventsModule, PagesModule],
  controllers: [RegisterPagesController, LostLinkPagesController, PersonalPagesController],
  providers: [LostLinkPages, RegistrationAvailability, RegistrationAvailabilityRepository],
  exports: [LostLinkPages],
})
export class RegistrationPagesModule {}
