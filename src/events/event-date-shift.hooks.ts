import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Event } from './event.entity.js';

/** Moves what hangs on an event's dates (its sessions) by `shiftMs`, inside the event's transaction. */
export type EventDateShiftListener = (manager: EntityManager, event: Event, shiftMs: number) => Promise<void>;

/**
 * Announced when an organiser reschedules an event and asks for its sessions to move with
 * it. The agenda listens; events cannot call the agenda (it sits to its right on the floor plan).
 */
@Injectable()
export class EventDateShiftHooks {
  private readonly listeners: EventDateShiftListener[] = [];

  register(listener: EventDateShiftListener): void {
    this.listeners.push(listener);
  }

  async announce(manager: EntityManager, event: Event, shiftMs: number): Promise<void> {
    for (const listener of this.listeners) await listener(manager, event, shiftMs);
  }
}
