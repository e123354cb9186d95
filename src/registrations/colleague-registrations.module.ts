import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { NotificationsModule } from '../outbox/notifications.module.js';
import { ColleagueRegistrationsRepository } from './colleague-registrations.repository.js';
import { ColleagueRegistrationsService } from './colleague-registrations.service.js';
import { PlacePassedOnComposer } from './place-passed-on.composer.js';
import { RegistrationsModule } from './registrations.module.js';

/**
 * Registrations made for colleagues by their agency's link officer, and places passed on from
 * one colleague to another (the link officers' pages call it), with the email that says so.
 */
@Module({
  imports: [RegistrationsModule, NotificationsModule, EventsModule],
  providers: [ColleagueRegistrationsRepository, ColleagueRegistrationsService, PlacePassedOnComposer],
  exports: [ColleagueRegistrationsService],
})
export class ColleagueRegistrationsModule {}
