import { Module } from '@nestjs/common';
import { RegistrationMailComposer } from './registration-mail.composer.js';

/**
 * The composers of the registration emails. They run where mail is sent, so a process
 * with the worker role needs this module too (WorkerModule imports it).
 */
@Module({ providers: [RegistrationMailComposer] })
export class RegistrationMailModule {}
