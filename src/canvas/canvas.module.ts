import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { DelegateAccessModule } from '../registrations/access/delegate-access.module.js';
import { RegistrationPagesModule } from '../registrations/pages/registration-pages.module.js';
import { RegistrationHooksModule } from '../registrations/registration-erased.hooks.js';
import { CanvasErasure } from './canvas-erasure.js';
import { JoinCodeGuesses } from './join-code-guesses.js';
import { CanvasExports } from './canvas-exports.js';
import { CanvasExportsRepository } from './canvas-exports.repository.js';
import { CanvasLive } from './canvas-live.js';
import { CanvasPagesController } from './pages/canvas-pages.controller.js';
import { CanvasConsoleController } from './staff-pages/canvas-console.controller.js';
import { CanvasesSection } from './pages/canvases-section.js';
import { CanvasParticipants } from './canvas-participants.js';
import { CanvasStreams } from './canvas-streams.js';
import { CanvasesController } from './canvases.controller.js';
import { CanvasesRepository } from './canvases.repository.js';
import { CanvasesService } from './canvases.service.js';
import { AuthModule } from '../identity/auth.module.js';
import { NotificationsModule } from '../outbox/notifications.module.js';
import { WriteUpMail, WriteUpMailKeys } from './write-up-mail.js';
import { WriteUpMailRepository } from './write-up-mail.repository.js';

/** Workshop canvases: notes from phones, a live wall, moderation, dot-voting and exports. */
@Module({
  imports: [AuthModule, NotificationsModule, DelegateAccessModule, RegistrationPagesModule, RegistrationHooksModule, EventsModule],
  controllers: [CanvasesController, CanvasPagesController, CanvasConsoleController],
  providers: [
    CanvasesRepository,
    CanvasesService,
    CanvasParticipants,
    CanvasLive,
    CanvasStreams,
    CanvasExports,
    CanvasExportsRepository,
    CanvasesSection,
    CanvasErasure,
    JoinCodeGuesses,
    WriteUpMail,
    WriteUpMailKeys,
    WriteUpMailRepository,
  ],
})
export class CanvasModule {}
