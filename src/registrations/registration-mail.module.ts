import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { EventCancelledMail } from './event-cancelled.mail.js';
import { MailLookupsRepository } from './mail-lookups.repository.js';
import { RegistrationMailComposer } from './registration-mail.composer.js';
import { DelegatesRepository } from './delegates.repository.js';

/**
 * The composers of the registration emails. They run where mail is sent; ApiModule (and
 * so this module) is loaded in every process role, the worker included.
 */
@Module({
  imports: [EventsModule],
  providers: [RegistrationMailComposer, DelegatesRepository, EventCancelledMail, MailLookupsRepository],
})
export class RegistrationMailModule {}
