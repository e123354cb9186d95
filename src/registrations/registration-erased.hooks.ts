import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Hooks } from '../platform/hooks/hooks.js';

/** The person being erased, as registered (read before the row is overwritten). */
export interface ErasedPerson {
  eventId: string;
  registrationId: string;
  name: string;
  email: string;
  organisation: string | null;
}

/**
 * Announced inside the transaction that erases a delegate, before the registration row loses
 * the name: the folders to the right that copied personal data (canvas notes and their live
 * events, award nominations) remove theirs in the same transaction, so erasure is all or nothing.
 */
@Injectable()
export class RegistrationErasedHooks extends Hooks<[manager: EntityManager, person: ErasedPerson]> {}

/** One instance of the hook for registrations and every module that listens to it. */
@Module({ providers: [RegistrationErasedHooks], exports: [RegistrationErasedHooks] })
export class RegistrationHooksModule {}
