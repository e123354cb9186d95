import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Hooks } from '../platform/hooks/hooks.js';

/** What changed: an event's schedule, or (with `registrationId`) one delegate's place in it. */
export interface ScheduleChange {
  eventId: string;
  registrationId?: string;
}

/**
 * Announced inside the changing transaction whenever an event's dates or status, a session's
 * time, or a delegate's place or sign-ups change. Reminders listen and reschedule in the same
 * transaction, so a committed change never leaves a reminder at the old time.
 */
@Injectable()
export class ScheduleChangeHooks extends Hooks<[manager: EntityManager, change: ScheduleChange]> {}
