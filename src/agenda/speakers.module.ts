import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { SessionsModule } from './sessions.module.js';
import { SpeakersController } from './speakers.controller.js';
import { SpeakersService } from './speakers.service.js';
import { AuthModule } from '../identity/auth.module.js';

@Module({
  imports: [AuthModule, EventsModule, SessionsModule],
  controllers: [SpeakersController],
  providers: [SpeakersService],
  exports: [SpeakersService],
})
export class SpeakersModule {}
