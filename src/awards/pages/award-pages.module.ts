import { Module } from '@nestjs/common';
import { EventsModule } from '../../events/events.module.js';
import { DelegateAccessModule } from '../../registrations/access/delegate-access.module.js';
import { RegistrationPagesModule } from '../../registrations/pages/registration-pages.module.js';
import { RegistrationsModule } from '../../registrations/registrations.module.js';
import { AwardsModule } from '../awards.module.js';
import { AwardPagesController } from './award-pages.controller.js';
import { AwardsSection } from './awards-section.js';
import { PublicResultsPagesController } from './public-results-pages.controller.js';

/** A delegate's award pages, the awards part of their personal page, and the public results page. */
@Module({
  imports: [AwardsModule, RegistrationsModule, RegistrationPagesModule, DelegateAccessModule, EventsModule],
  controllers: [AwardPagesController, PublicResultsPagesController],
  providers: [AwardsSection],
})
export class AwardPagesModule {}
