import { Module } from '@nestjs/common';
import { HealthModule } from './health/health.module.js';
import { RegistrationsModule } from './registrations/registrations.module.js';

/**
 * The HTTP side: feature modules with controllers. Feature modules are added here as
 * they are built (events, sessions, speakers, registrations, reminders, canvas, awards).
 */
@Module({ imports: [HealthModule, RegistrationsModule] })
export class ApiModule {}
