import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions.module.js';
import { PagesController } from './pages.controller.js';
import { RegistrationCalls } from './registration-call.js';

@Module({
  imports: [SessionsModule],
  controllers: [PagesController],
  providers: [RegistrationCalls],
  exports: [RegistrationCalls],
})
export class PagesModule {}
