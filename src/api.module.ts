import { Module } from '@nestjs/common';
import { CanvasModule } from './canvas/canvas.module.js';
import { HealthModule } from './health/health.module.js';
import { RegistrationsModule } from './registrations/registrations.module.js';

/**
 * The HTTP side: feature modules with controllers. Feature modules are added here as
 * they are built (events, sessions, speakers, registrations, reminders, canvas, awards).
 */
@Module({ imports: [HealthModule, RegistrationsModule, CanvasModule] })
export class ApiModule {}
