import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions.module.js';
import { AgendaPageRenderer } from './agenda-page.renderer.js';
import { PagesController } from './pages.controller.js';

@Module({
  imports: [SessionsModule],
  controllers: [PagesController],
  providers: [AgendaPageRenderer],
})
export class PagesModule {}
