import { Module } from '@nestjs/common';
import { LinkOfficersModule } from '../../link-officers/link-officers.module.js';
import { AwardsModule } from '../awards.module.js';
import { LinkOfficerNominationsPagesController } from './link-officer-nominations-pages.controller.js';

/** A link officer's nominations of their agency's colleagues (the link officer's session, the awards' rules). */
@Module({
  imports: [AwardsModule, LinkOfficersModule],
  controllers: [LinkOfficerNominationsPagesController],
})
export class LinkOfficerNominationsPagesModule {}
