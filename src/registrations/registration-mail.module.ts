import { Module } from '@nestjs/common';
import { RegistrationMailComposer } from './registration-mail.composer.js';
import { DelegatesRepository } from './delegates.repository.js';

/**
 * The composers of the registration emails. They run where mail is sent; ApiModule (and
 * so this module) is loaded in every process role, the worker included.
 */
@Module({ providers: [RegistrationMailComposer, DelegatesRepository] })
export class RegistrationMailModule {}
