import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Hooks } from '../platform/hooks/hooks.js';
import type { Event } from './event.entity.js';

/**
 * Announced inside the event's transaction when an organiser reschedules an event and asks
 * for its sessions to move with it (by `shiftMs`). The agenda listens.
 */
@Injectable()
export class EventDateShiftHooks extends Hooks<[manager: EntityManager, event: Event, shiftMs: number]> {}

/**
 * Announced inside the event's transaction when it is cancelled. The agenda listens and raises
 * every session's SEQUENCE, so calendars take the sessions' cancellation as well as the event's.
 */
@Injectable()
export class EventCancelledHooks extends Hooks<[manager: EntityManager, event: Event]> {}
