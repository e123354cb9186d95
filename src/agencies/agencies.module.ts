import { Module } from '@nestjs/common';
import { AgenciesController } from './agencies.controller.js';
import { AgenciesRepository } from './agencies.repository.js';
import { AgenciesService } from './agencies.service.js';
import { NetworkOrganiserGuard } from './network-organiser.guard.js';
import { AuthModule } from '../identity/auth.module.js';

/** The network's member agencies (registrations and awards read them through AgenciesService). */
@Module({
  imports: [AuthModule],
  controllers: [AgenciesController],
  providers: [AgenciesRepository, AgenciesService, NetworkOrganiserGuard],
  exports: [AgenciesService, NetworkOrganiserGuard],
})
export class AgenciesModule {}
