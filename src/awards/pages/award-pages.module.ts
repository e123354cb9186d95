import { Module } from '@nestjs/common';
import { DelegateAccessModule } from '../../registrations/access/delegate-access.module.js';
import { RegistrationPagesModule } from '../../registrations/pages/registration-pages.module.js';
import { RegistrationsModule } from '../../registrations/registrations.module.js';
import { AwardsModule } from '../awards.module.js';
import { AwardPagesController } from './award-pages.controller.js';
import { AwardsSection } from './awards-section.js';

/** A delegate's award pages and the awards part of their personal page. */
@Module({
  imports: [AwardsModule, RegistrationsModule, RegistrationPagesModule, DelegateAccessModule],
  controllers: [AwardPagesController],
  providers: [AwardsSection],
})
export class AwardPagesModule {}
