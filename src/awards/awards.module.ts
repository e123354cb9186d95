import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DelegateAccessModule } from '../registrations/access/delegate-access.module.js';
import { Event } from '../events/event.entity.js';
import { AwardAccessService } from './award-access.service.js';
import { AwardNomination } from './award-nomination.entity.js';
import { AwardNominee } from './award-nominee.entity.js';
import { AwardTieDecision } from './award-tie-decision.entity.js';
import { Award } from './award.entity.js';
import { AwardsController } from './awards.controller.js';
import { RegistrationHooksModule } from '../registrations/registration-erased.hooks.js';
import { AwardsErasure } from './awards-erasure.js';
import { AwardsRepository } from './awards.repository.js';
import { AwardsService } from './awards.service.js';
import { BallotRelease } from './ballot-release.service.js';
import { BallotSeal } from './ballot-seal.js';
import { BallotsService } from './ballots.service.js';
import { NominationsService } from './nominations.service.js';
import { ResultsService } from './results.service.js';

/** Awards: nominations, the shortlist, secret ballots and results. */
@Module({
  imports: [
    DelegateAccessModule,
    RegistrationHooksModule,
    TypeOrmModule.forFeature([Award, AwardNomination, AwardNominee, AwardTieDecision, Event]),
  ],
  controllers: [AwardsController],
  providers: [
    AwardAccessService,
    AwardsRepository,
    AwardsService,
    NominationsService,
    BallotSeal,
    BallotsService,
    BallotRelease,
    ResultsService,
    AwardsErasure,
  ],
  exports: [BallotRelease, AwardsService, AwardsRepository, NominationsService, BallotsService],
})
export class AwardsModule {}
