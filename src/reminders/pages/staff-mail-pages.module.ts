import { Module } from '@nestjs/common';
import { EventsModule } from '../../events/events.module.js';
import { MailPagesController } from './mail-pages.controller.js';
import { AuthModule } from '../../identity/auth.module.js';
import { NotificationsModule } from '../../outbox/notifications.module.js';

/** The organisers' mail page (the outbox service comes from the global notifications module). */
@Module({ imports: [AuthModule, NotificationsModule, EventsModule], controllers: [MailPagesController] })
export class StaffMailPagesModule {}
