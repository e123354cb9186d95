import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { AgendaCache } from './agenda-cache.js';
import { AgendaCacheFollowsEvents } from './agenda-cache-follows-events.js';
import { AgendaChangedComposer } from './agenda-changed.composer.js';
import { AgendaChangesRepository } from './agenda-changes.repository.js';
import { AgendaChangesService } from './agenda-changes.service.js';
import { AgendaController } from './agenda.controller.js';
import { AgendaService } from './agenda.service.js';
import { AgendaWrites } from './agenda-writes.js';
import { EventSpeakersProvider } from './event-speakers.provider.js';
import { SessionAudience } from './session-audience.js';
import { SpeakersRepository } from './speakers.repository.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';
import { AuthModule } from '../identity/auth.module.js';
import { NotificationsModule } from '../outbox/notifications.module.js';

/** The agenda: sessions and their rules, the change list and its emails, and the public reads. */
@Module({
  imports: [AuthModule, NotificationsModule, EventsModule],
  controllers: [SessionsController, AgendaController],
  providers: [
    SessionsService,
    SessionsRepository,
    AgendaChangesService,
    AgendaChangesRepository,
    AgendaService,
    AgendaChangedComposer,
    AgendaCache,
    AgendaCacheFollowsEvents,
    AgendaWrites,
    SessionAudience,
    SpeakersRepository,
    EventSpeakersProvider,
  ],
  exports: [
    SpeakersRepository,
    SessionAudience,
    AgendaChangesService,
    AgendaService,
    SessionsService,
    SessionsRepository,
    AgendaCache,
    AgendaWrites,
  ],
})
export class SessionsModule {}
