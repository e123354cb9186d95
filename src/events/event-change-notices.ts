import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../platform/clock/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { NotificationKind } from '../outbox/notification-kind.js';
import { OutboxService, type OutboxEntry } from '../outbox/outbox.service.js';
import { EventAudience, type EventChangeRecipientType } from './event-audience.js';
import type { Event } from './event.entity.js';
import type { EventSchedule } from './event-schedule.js';

export type EventChangedData = {
  eventId: string;
  recipientType: EventChangeRecipientType;
  recipientId: string;
  /** The first change of this burst; the notice goes at most agendaChangeMaxDelayMs after it. */
  since: string;
  /** The dates and venue before the burst: the notice says what they became. */
  before: EventSchedule;
};

const BATCH = 500;

/**
 * The debounced "your event moved" notice, on the agenda changes' timings: a change to a
 * published event's dates, times or venue pushes back each person's pending notice, or starts
 * one for whoever has none; in the transaction of the change.
 */
@Injectable()
export class EventChangeNotices {
  constructor(
    private readonly audience: EventAudience,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Call with the event row locked, after its new values are set. */
  async schedule(manager: EntityManager, event: Event, before: EventSchedule): Promise<void> {
    const now = this.clock.now();
    const sendAt = new Date(now.getTime() + this.config.agendaChangeDebounceMs);
    const pushed = await this.outbox.postponePending(manager, {
      eventId: event.id,
      kind: NotificationKind.EventChanged,
      sendAt,
      maxDelayMs: this.config.agendaChangeMaxDelayMs,
    });
    const waiting = new Set(pushed.map((data) => `${String(data.recipientType)}:${String(data.recipientId)}`));
    const entries: OutboxEntry[] = (await this.audience.recipients(manager, event.id))
      .filter((r) => !waiting.has(`${r.type}:${r.id}`))
      .map((r) => {
        const data: EventChangedData = {
          eventId: event.id,
          recipientType: r.type,
          recipientId: r.id,
          since: now.toISOString(),
          before,
        };
        return {
          kind: NotificationKind.EventChanged,
          recipient: r.email,
          data,
          sendAt,
          dedupeKey: `event-changed:${event.id}:${r.type}:${r.id}:${now.getTime()}`,
          eventId: event.id,
          registrationId: r.type === 'delegate' ? r.id : null,
        };
      });
    for (let i = 0; i < entries.length; i += BATCH) await this.outbox.enqueue(manager, ...entries.slice(i, i + BATCH));
  }
}

declare module '../outbox/notification-payloads.js' {
  interface NotificationPayloads {
    [NotificationKind.EventChanged]: EventChangedData;
  }
}
