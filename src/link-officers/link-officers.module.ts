import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module.js';
import { AuthModule } from '../identity/auth.module.js';
import { NotificationsModule } from '../outbox/notifications.module.js';
import { ColleagueRegistrationsModule } from '../registrations/colleague-registrations.module.js';
import { BackgroundWork } from '../platform/background/background-work.js';
import { LinkOfficerAccess } from './link-officer-access.js';
import { LinkOfficerMailComposer } from './link-officer-mail.composer.js';
import { LinkOfficerSessions } from './link-officer-sessions.js';
import { LinkOfficersRepository } from './link-officers.repository.js';
import { LinkOfficersService } from './link-officers.service.js';
import { LinkOfficerPagesController } from './pages/link-officer-pages.controller.js';
import { AgencyOfficersPagesController } from './staff-pages/agency-officers-pages.controller.js';

/** Agencies' link officers: their sign-in, their agency's page, handing the role on, and the organisers' list of them. */
@Module({
  imports: [NotificationsModule, ColleagueRegistrationsModule, AuthModule, AgenciesModule],
  controllers: [LinkOfficerPagesController, AgencyOfficersPagesController],
  providers: [
    LinkOfficersRepository,
    LinkOfficersService,
    LinkOfficerSessions,
    LinkOfficerMailComposer,
    LinkOfficerAccess,
    BackgroundWork,
  ],
  exports: [LinkOfficersService, LinkOfficerSessions, LinkOfficerAccess],
})
export class LinkOfficersModule {}
