import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Event } from '../events/event.entity.js';
import { EventsRepository } from '../events/events.repository.js';
import { AgendaCache } from './agenda-cache.js';

/** What an agenda change works with: its transaction and the event, locked. */
export interface AgendaWrite {
  manager: EntityManager;
  event: Event;
  /** The change turned out to change nothing: the agenda keeps its version (and ETag). */
  unchanged(): void;
}

/**
 * The sequence every change to an event's agenda follows, written once: lock the event (so
 * agenda writes to one event are serialised), make the change, mark the agenda changed,
 * commit, and only then drop the cached agenda, so no reader can cache the old state again.
 */
@Injectable()
export class AgendaWrites {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventsRepository,
    private readonly cache: AgendaCache,
  ) {}

  async change<T>(eventId: string, work: (write: AgendaWrite) => Promise<T>): Promise<T> {
    const result = await this.db.transaction(async (manager) => {
      const event = await this.events.lock(manager, eventId);
      let changed = true;
      const value = await work({ manager, event, unchanged: () => (changed = false) });
      if (changed) await this.events.bumpAgendaVersion(manager, eventId);
      return value;
    });
    await this.cache.invalidate(eventId);
    return result;
  }
}
