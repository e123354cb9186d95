import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RegistrationErasedHooks } from '../registrations/registration-erased.hooks.js';
import { CanvasesRepository } from './canvases.repository.js';

/**
 * When a delegate is erased, their name leaves the notes they signed with their personal link
 * and the live events that carried those notes. The notes' text stays, unsigned: it belongs to
 * the workshop's record.
 */
@Injectable()
export class CanvasErasure implements OnModuleInit {
  constructor(
    private readonly erased: RegistrationErasedHooks,
    private readonly canvases: CanvasesRepository,
  ) {}

  onModuleInit(): void {
    this.erased.register((manager, person) => this.canvases.eraseAuthor(manager, `d:${person.registrationId}`));
  }
}
