import { Injectable } from '@nestjs/common';
import { Hooks } from '../platform/hooks/hooks.js';

/**
 * Announced after a change to an event (its details, status or agenda) has committed, so
 * that what is derived from it (the agenda's cached pages and feeds) is dropped only once
 * the new state is visible to every reader.
 */
@Injectable()
export class EventCommittedHooks extends Hooks<[eventId: string]> {}
