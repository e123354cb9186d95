import { Module } from '@nestjs/common';
import { CanvasModule } from './canvas/canvas.module.js';
import { EventsModule } from './events/events.module.js';
import { HealthModule } from './health/health.module.js';
import { PagesModule } from './pages/pages.module.js';
import { SessionsModule } from './sessions/sessions.module.js';
import { SpeakersModule } from './speakers/speakers.module.js';
import { RegistrationsModule } from './registrations/registrations.module.js';

/**
 * The HTTP side: feature modules with controllers. Feature modules are added here as
 * they are built (events, sessions, speakers, registrations, reminders, canvas, awards).
 */
@Module({
  imports: [HealthModule, EventsModule, SpeakersModule, SessionsModule, PagesModule, RegistrationsModule, CanvasModule],
})
export class ApiModule {}
