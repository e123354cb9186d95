import { AgenciesModule } from '../agencies/agencies.module.js';
import { Module } from '@nestjs/common';
import { DelegateAccessModule } from '../registrations/access/delegate-access.module.js';
import { EventsModule } from '../events/events.module.js';
import { AwardAccessService } from './award-access.service.js';
import { AwardRecordsRepository } from './award-records.repository.js';
import { AwardsController } from './awards.controller.js';
import { RegistrationHooksModule } from '../registrations/registration-erased.hooks.js';
import { AwardsErasure } from './awards-erasure.js';
import { AwardsRepository } from './awards.repository.js';
import { AwardsService } from './awards.service.js';
import { BallotRelease } from './ballot-release.service.js';
import { BallotSeal } from './ballot-seal.js';
import { BallotsService } from './ballots.service.js';
import { NominationsRepository } from './nominations.repository.js';
import { NominationsService } from './nominations.service.js';
import { NomineesRepository } from './nominees.repository.js';
import { ResultsService } from './results.service.js';
import { AuthModule } from '../identity/auth.module.js';

/** Awards: nominations, the shortlist, secret ballots and results. */
@Module({
  imports: [AuthModule, AgenciesModule, DelegateAccessModule, RegistrationHooksModule, EventsModule],
  controllers: [AwardsController],
  providers: [
    AwardAccessService,
    AwardsRepository,
    AwardRecordsRepository,
    NomineesRepository,
    NominationsRepository,
    AwardsService,
    NominationsService,
    BallotSeal,
    BallotsService,
    BallotRelease,
    ResultsService,
    AwardsErasure,
  ],
  exports: [BallotRelease, AwardsService, AwardsRepository, NominationsService, BallotsService, ResultsService],
})
export class AwardsModule {}
