import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Hooks } from '../platform/hooks/hooks.js';
import type { Event } from './event.entity.js';

/** How an update moved an event: by `shiftMs` at the start, and whether its sessions move along. */
export interface EventDatesChange {
  shiftMs: number;
  moveSessions: boolean;
}

/**
 * Announced inside the event's transaction whenever an update sets its dates, with the event
 * row locked and already changed. The agenda listens: it moves the sessions when asked, and
 * refuses (failing the transaction) new dates that would leave a session outside the event.
 */
@Injectable()
export class EventDatesHooks extends Hooks<[manager: EntityManager, event: Event, change: EventDatesChange]> {}
