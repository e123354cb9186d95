import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventAudience } from '../events/event-audience.js';
import { MailLookupsRepository } from './mail-lookups.repository.js';
import { greetingName } from './registration.entity.js';

/** Tells events which delegates an event-wide email goes to, how to greet them, and how many there are. */
@Injectable()
export class EventDelegatesProvider implements OnModuleInit {
  constructor(
    private readonly audience: EventAudience,
    private readonly lookups: MailLookupsRepository,
  ) {}

  onModuleInit(): void {
    this.audience.provide('delegate', {
      list: (manager, eventId) => this.lookups.eventDelegates(manager, eventId),
      find: async (id) => {
        const registration = await this.lookups.registration(id);
        if (!registration || registration.erasedAt) return undefined;
        if (registration.status !== 'confirmed' && registration.status !== 'waitlisted') return undefined;
        return { greeting: greetingName(registration), waitlisted: registration.status === 'waitlisted' };
      },
    });
    this.audience.provideDelegateCounts((eventId) => this.lookups.delegateCounts(eventId));
  }
}
