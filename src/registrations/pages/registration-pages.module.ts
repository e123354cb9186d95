import { AgenciesModule } from '../../agencies/agencies.module.js';
import { Module } from '@nestjs/common';
import { PagesModule } from '../../agenda/pages/pages.module.js';
import { SessionsModule } from '../../agenda/sessions.module.js';
import { EventsModule } from '../../events/events.module.js';
import { MyCalendarService } from '../my-calendar.service.js';
import { RegistrationAvailabilityRepository } from '../registration-availability.repository.js';
import { RegistrationAvailability } from '../registration-availability.service.js';
import { DelegateAccessModule } from '../access/delegate-access.module.js';
import { RegistrationsModule } from '../registrations.module.js';
import { LostLinkPages } from './lost-link-pages.js';
import { LostLinkPagesController } from './lost-link-pages.controller.js';
import { PersonalPageSections } from './personal-page-sections.js';
import { PersonalPagesController } from './personal-pages.controller.js';
import { RegisterPagesController } from './registration-pages.controller.js';

/** A delegate's pages: register, ask for the link again, and the personal page the link opens. */
@Module({
  imports: [AgenciesModule, RegistrationsModule, DelegateAccessModule, EventsModule, PagesModule, SessionsModule],
  controllers: [RegisterPagesController, LostLinkPagesController, PersonalPagesController],
  providers: [
    LostLinkPages,
    RegistrationAvailability,
    RegistrationAvailabilityRepository,
    PersonalPageSections,
    MyCalendarService,
  ],
  exports: [LostLinkPages, PersonalPageSections],
})
export class RegistrationPagesModule {}
