import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Hooks } from '../platform/hooks/hooks.js';
import type { Event } from './event.entity.js';

/**
 * Announced inside the transaction that cancels an event. The agenda raises every session's
 * SEQUENCE (calendars take the sessions' cancellation too); registrations write the
 * "cancelled" email to each delegate in that same transaction, so none is lost or doubled.
 */
@Injectable()
export class EventCancelledHooks extends Hooks<[manager: EntityManager, event: Event]> {}
