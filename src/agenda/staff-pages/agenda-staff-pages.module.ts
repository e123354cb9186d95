import { Module } from '@nestjs/common';
import { EventsModule } from '../../events/events.module.js';
import { SessionsModule } from '../sessions.module.js';
import { SpeakersModule } from '../speakers.module.js';
import { AgendaBuilderPagesController } from './agenda-builder-pages.controller.js';
import { ReschedulePagesController } from './reschedule-pages.controller.js';
import { SpeakerPagesController } from './speaker-pages.controller.js';
import { AuthModule } from '../../identity/auth.module.js';

/** The organisers' agenda pages: the builder (grid, list, session forms), the speakers, and rescheduling the event with its sessions. */
@Module({
  imports: [AuthModule, EventsModule, SessionsModule, SpeakersModule],
  controllers: [AgendaBuilderPagesController, SpeakerPagesController, ReschedulePagesController],
})
export class AgendaStaffPagesModule {}
