import { Module } from '@nestjs/common';
import { EventsModule } from '../../events/events.module.js';
import { MailPagesController } from './mail-pages.controller.js';

/** The organisers' mail page (the outbox service comes from the global notifications module). */
@Module({ imports: [EventsModule], controllers: [MailPagesController] })
export class StaffMailPagesModule {}
