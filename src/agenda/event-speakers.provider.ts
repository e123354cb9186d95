import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventAudience } from '../events/event-audience.js';
import { SpeakersRepository } from './speakers.repository.js';

/** Tells events which speakers an event-wide email goes to (those with an address, still on the agenda). */
@Injectable()
export class EventSpeakersProvider implements OnModuleInit {
  constructor(
    private readonly audience: EventAudience,
    private readonly speakers: SpeakersRepository,
  ) {}

  onModuleInit(): void {
    this.audience.provide('speaker', {
      list: (manager, eventId) => this.speakers.withAddress(manager, eventId),
      find: async (id) => {
        const speaker = await this.speakers.findById(id);
        return speaker?.email ? { greeting: speaker.name, waitlisted: false } : undefined;
      },
    });
  }
}
