import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../platform/clock/clock.js';
import type { Page, PageWindow } from '../platform/http/pagination.js';
import { AppConfig } from '../platform/config/app-config.js';
import type { Event } from '../events/event.entity.js';
import { NotificationKind } from '../outbox/notification-kind.js';
import { OutboxService } from '../outbox/outbox.service.js';
import type { AgendaChange } from './agenda-change.entity.js';
import { SessionAudience } from './session-audience.js';
import { AgendaChangesRepository } from './agenda-changes.repository.js';
import { notifiable, type SessionDiff } from './changes.js';

/** Who an agenda-change email goes to: a speaker or a delegate signed up to a workshop. */
export type ChangeRecipient =
  { type: 'speaker'; id: string; email: string } | { type: 'delegate'; id: string; email: string };

export type AgendaChangedData = {
  eventId: string;
  recipientType: 'speaker' | 'delegate';
  recipientId: string;
  /** The first change of this burst; the email lists changes from here to its send time. */
  since: string;
};

/**
 * The change list of a published agenda, and the debounced emails about it. A change
 * either pushes back the pending email of each affected person (so a burst of edits is
 * one message) or starts a new one; both in the transaction of the change.
 */
@Injectable()
export class AgendaChangesService {
  constructor(
    private readonly repo: AgendaChangesRepository,
    private readonly audience: SessionAudience,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Records a change to a published agenda; call with the event row locked. */
  async record(
    manager: EntityManager,
    event: Event,
    session: { id: string; title: string },
    diff: SessionDiff,
    speakerIds: readonly string[],
  ): Promise<AgendaChange> {
    const now = this.clock.now();
    const registrationIds = await this.audience.signedUp(manager, session.id);
    const change = await this.repo.insert(manager, {
      eventId: event.id,
      sessionId: session.id,
      sessionTitle: session.title,
      kinds: diff.kinds,
      oldValues: diff.oldValues,
      newValues: diff.newValues,
      speakerIds: [...new Set(speakerIds)],
      registrationIds: registrationIds.map((r) => r.id),
      createdAt: now,
    });
    if (notifiable(diff.kinds)) {
      const speakers: ChangeRecipient[] = (await this.repo.speakersWithEmail(manager, change.speakerIds)).map((r) => ({
        type: 'speaker',
        id: r.id,
        email: r.email,
      }));
      const delegates: ChangeRecipient[] = registrationIds.map((r) => ({ type: 'delegate', id: r.id, email: r.email }));
      await this.scheduleEmails(manager, event.id, change.id, [...speakers, ...delegates], now);
    }
    return change;
  }

  list(eventId: string, window: PageWindow): Promise<Page<AgendaChange>> {
    return this.repo.page(eventId, window);
  }

  /**
   * The change emails not yet sent (each waits for its debounce), for the organisers' agenda
   * page: the sessions' and the event's own (new dates, times or venue), which a reschedule writes.
   */
  pendingEmails(eventId: string): Promise<{ count: number; nextAt: Date | null }> {
    return this.outbox.pendingOfKinds(eventId, [NotificationKind.AgendaChanged, NotificationKind.EventChanged]);
  }

  /** The changes one person is told about in one email. */
  forRecipient(data: AgendaChangedData, until: Date): Promise<AgendaChange[]> {
    return this.repo.forRecipient(
      data.eventId,
      { type: data.recipientType, id: data.recipientId },
      new Date(data.since),
      until,
    );
  }

  private async scheduleEmails(
    manager: EntityManager,
    eventId: string,
    changeId: string,
    recipients: ChangeRecipient[],
    now: Date,
  ): Promise<void> {
    const sendAt = new Date(now.getTime() + this.config.agendaChangeDebounceMs);
    for (const recipient of recipients) {
      const prefix = `agenda-changed:${eventId}:${recipient.type}:${recipient.id}:`;
      // A pending email for this person: push it back; otherwise this change starts a new one.
      const pushed = await this.outbox.postponePending(manager, {
        eventId,
        kind: NotificationKind.AgendaChanged,
        sendAt,
        maxDelayMs: this.config.agendaChangeMaxDelayMs,
        dedupePrefix: prefix,
      });
      if (pushed.length > 0) continue;
      const data: AgendaChangedData = {
        eventId,
        recipientType: recipient.type,
        recipientId: recipient.id,
        since: now.toISOString(),
      };
      await this.outbox.enqueue(manager, {
        kind: NotificationKind.AgendaChanged,
        recipient: recipient.email,
        data,
        sendAt,
        dedupeKey: `${prefix}${changeId}`,
        eventId,
        registrationId: recipient.type === 'delegate' ? recipient.id : null,
      });
    }
  }
}

declare module '../outbox/notification-payloads.js' {
  interface NotificationPayloads {
    [NotificationKind.AgendaChanged]: AgendaChangedData;
  }
}
