import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RegistrationErasedHooks } from '../registrations/registration-erased.hooks.js';
import { AwardsRepository } from './awards.repository.js';

/**
 * When a delegate is erased, nominations of this event that name them lose their name and
 * organisation, and statements lose their name and email. Their ballot was never theirs by
 * name (the receipt only says they voted). The shortlist stays as the organisers curated it.
 */
@Injectable()
export class AwardsErasure implements OnModuleInit {
  constructor(
    private readonly erased: RegistrationErasedHooks,
    private readonly awards: AwardsRepository,
  ) {}

  onModuleInit(): void {
    this.erased.register((manager, person) =>
      this.awards.eraseFromNominations(manager, person.eventId, person.name, person.email),
    );
  }
}
