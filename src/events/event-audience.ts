import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type EventChangeRecipientType = 'delegate' | 'speaker';

export interface EventChangeRecipient {
  type: EventChangeRecipientType;
  id: string;
  email: string;
}

/** One kind of person an event-wide email goes to, as the folder that keeps them knows them. */
export interface EventRecipientSource {
  /** Everyone of this kind to tell about a change to the event, in the caller's transaction. */
  list(manager: EntityManager, eventId: string): Promise<Array<{ id: string; email: string }>>;
  /** How to greet one at send time, or undefined once they are no longer to be written to. */
  find(id: string): Promise<{ greeting: string | undefined; waitlisted: boolean } | undefined>;
}

/** How many delegates hold a place and how many wait, for the pages that say who will be emailed. */
export type DelegateCounts = (eventId: string) => Promise<{ confirmed: number; waiting: number }>;

/**
 * The seam through which events learn who attends them: registrations provide the delegates
 * and the agenda the speakers when the application starts, as both sit above events on the
 * floor plan. Until a kind is provided (never in a running app), asking for it refuses.
 */
@Injectable()
export class EventAudience {
  private readonly sources = new Map<EventChangeRecipientType, EventRecipientSource>();
  private counts: DelegateCounts | undefined;

  provide(type: EventChangeRecipientType, source: EventRecipientSource): void {
    this.sources.set(type, source);
  }

  provideDelegateCounts(counts: DelegateCounts): void {
    this.counts = counts;
  }

  /** Delegates, then speakers. */
  async recipients(manager: EntityManager, eventId: string): Promise<EventChangeRecipient[]> {
    const all: EventChangeRecipient[] = [];
    for (const type of ['delegate', 'speaker'] as const) {
      for (const person of await this.source(type).list(manager, eventId)) all.push({ type, ...person });
    }
    return all;
  }

  recipient(type: EventChangeRecipientType, id: string) {
    return this.source(type).find(id);
  }

  delegateCounts(eventId: string): Promise<{ confirmed: number; waiting: number }> {
    if (!this.counts) throw new Error('No delegate counts: the registrations module provides them at start-up');
    return this.counts(eventId);
  }

  private source(type: EventChangeRecipientType): EventRecipientSource {
    const source = this.sources.get(type);
    if (!source) throw new Error(`No ${type}s for event emails: their module provides them at start-up`);
    return source;
  }
}
