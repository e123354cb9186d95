import { Module } from '@nestjs/common';
import { SessionsModule } from '../agenda/sessions.module.js';
import { EventsModule } from '../events/events.module.js';
import { EventCancelledMail } from './event-cancelled.mail.js';
import { EventDelegatesProvider } from './event-delegates.provider.js';
import { MailLookupsRepository } from './mail-lookups.repository.js';
import { RegistrationMailComposer } from './registration-mail.composer.js';
import { DelegatesRepository } from './delegates.repository.js';
import { SessionAudienceProvider } from './session-audience.provider.js';
import { WorkshopSignupMailComposer } from './workshop-signup-mail.composer.js';
import { WorkshopSignupsRepository } from './workshop-signups.repository.js';
import { NotificationsModule } from '../outbox/notifications.module.js';

/**
 * The composers of the delegates' emails, and what the agenda's emails ask about delegates.
 * They run where mail is sent; ApiModule (and so this module) is loaded in every process
 * role, the worker included.
 */
@Module({
  imports: [NotificationsModule, EventsModule, SessionsModule],
  providers: [
    RegistrationMailComposer,
    WorkshopSignupMailComposer,
    DelegatesRepository,
    WorkshopSignupsRepository,
    EventCancelledMail,
    MailLookupsRepository,
    SessionAudienceProvider,
    EventDelegatesProvider,
  ],
})
export class RegistrationMailModule {}
