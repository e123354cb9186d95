import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventCommittedHooks } from '../events/event-committed.hooks.js';
import { AgendaCache } from './agenda-cache.js';

/** Drops an event's cached agenda once a change to the event itself (details, status) has committed. */
@Injectable()
export class AgendaCacheFollowsEvents implements OnModuleInit {
  constructor(
    private readonly committed: EventCommittedHooks,
    private readonly cache: AgendaCache,
  ) {}

  onModuleInit(): void {
    this.committed.register((eventId) => this.cache.invalidate(eventId));
  }
}
