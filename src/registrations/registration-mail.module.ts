import { Module } from '@nestjs/common';
import { RegistrationMailComposer } from './registration-mail.composer.js';
import { RegistrationsRepository } from './registrations.repository.js';

/**
 * The composers of the registration emails. They run where mail is sent; ApiModule (and
 * so this module) is loaded in every process role, the worker included.
 */
@Module({ providers: [RegistrationMailComposer, RegistrationsRepository] })
export class RegistrationMailModule {}
