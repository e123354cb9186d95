import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions.module.js';
import { PagesController } from './pages.controller.js';

@Module({
  imports: [SessionsModule],
  controllers: [PagesController],
})
export class PagesModule {}
