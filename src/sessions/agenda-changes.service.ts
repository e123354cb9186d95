import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock/clock.js';
import type { Page, PageWindow } from '../common/pagination/pagination.js';
import { AppConfig } from '../config/app-config.js';
import type { Event } from '../events/event.entity.js';
import { NotificationKind } from '../notifications/notification-kind.js';
import { OutboxService } from '../notifications/outbox.service.js';
import { AgendaChange } from './agenda-change.entity.js';
import { notifiable, type SessionDiff } from './changes.js';

/** Who an agenda-change email goes to: a speaker or a delegate signed up to a workshop. */
export type ChangeRecipient =
  { type: 'speaker'; id: string; email: string } | { type: 'delegate'; id: string; email: string };

export interface AgendaChangedData {
  eventId: string;
  recipientType: 'speaker' | 'delegate';
  recipientId: string;
  /** The first change of this burst; the email lists changes from here to its send time. */
  since: string;
}

/**
 * The change list of a published agenda, and the debounced emails about it. A change
 * either pushes back the pending email of each affected person (so a burst of edits is
 * one message) or starts a new one; both in the transaction of the change.
 */
@Injectable()
export class AgendaChangesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
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
    const registrationIds = await this.signedUp(manager, session.id);
    const repo = manager.getRepository(AgendaChange);
    const change = await repo.save(
      repo.create({
        eventId: event.id,
        sessionId: session.id,
        sessionTitle: session.title,
        kinds: diff.kinds,
        oldValues: diff.oldValues,
        newValues: diff.newValues,
        speakerIds: [...new Set(speakerIds)],
        registrationIds: registrationIds.map((r) => r.id),
        createdAt: now,
      }),
    );
    if (notifiable(diff.kinds)) {
      const speakers = await this.speakerRecipients(manager, change.speakerIds);
      const delegates: ChangeRecipient[] = registrationIds.map((r) => ({ type: 'delegate', id: r.id, email: r.email }));
      await this.scheduleEmails(manager, event.id, change.id, [...speakers, ...delegates], now);
    }
    return change;
  }

  async list(eventId: string, window: PageWindow): Promise<Page<AgendaChange>> {
    const [items, total] = await this.db.getRepository(AgendaChange).findAndCount({
      where: { eventId },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: window.limit,
      skip: window.offset,
    });
    return { items, total };
  }

  /** The changes one person is told about in one email. */
  async forRecipient(data: AgendaChangedData, until: Date): Promise<AgendaChange[]> {
    const column = data.recipientType === 'speaker' ? 'speaker_ids' : 'registration_ids';
    return this.db
      .getRepository(AgendaChange)
      .createQueryBuilder('c')
      .where('c.event_id = :eventId', { eventId: data.eventId })
      .andWhere(`:recipientId = ANY(c.${column})`, { recipientId: data.recipientId })
      .andWhere('c.created_at >= :since AND c.created_at <= :until', { since: new Date(data.since), until })
      .orderBy('c.created_at', 'ASC')
      .getMany();
  }

  private async signedUp(manager: EntityManager, sessionId: string): Promise<Array<{ id: string; email: string }>> {
    return manager.query<Array<{ id: string; email: string }>>(
      `SELECT r.id, r.email FROM session_signups s JOIN registrations r ON r.id = s.registration_id
        WHERE s.session_id = $1 AND r.status IN ('confirmed', 'waitlisted') AND r.erased_at IS NULL`,
      [sessionId],
    );
  }

  private async speakerRecipients(manager: EntityManager, speakerIds: string[]): Promise<ChangeRecipient[]> {
    if (speakerIds.length === 0) return [];
    const rows = await manager.query<Array<{ id: string; email: string }>>(
      `SELECT id, email FROM speakers WHERE id = ANY($1::uuid[]) AND email IS NOT NULL`,
      [speakerIds],
    );
    return rows.map((r) => ({ type: 'speaker', id: r.id, email: r.email }));
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
      // A pending email for this person: push it back (never beyond the maximum delay from its first change).
      const [, pushed] = await manager.query<[unknown[], number]>(
        `UPDATE notifications
            SET send_at = LEAST($3::timestamptz, (data->>'since')::timestamptz + $4 * interval '1 millisecond'),
                updated_at = now()
          WHERE event_id = $1 AND kind = '${NotificationKind.AgendaChanged}' AND status = 'pending'
            AND starts_with(dedupe_key, $2)
        RETURNING id`,
        [eventId, prefix, sendAt, this.config.agendaChangeMaxDelayMs],
      );
      if (pushed > 0) continue;
      const data: AgendaChangedData = {
        eventId,
        recipientType: recipient.type,
        recipientId: recipient.id,
        since: now.toISOString(),
      };
      await this.outbox.enqueue(manager, {
        kind: NotificationKind.AgendaChanged,
        recipient: recipient.email,
        data: { ...data },
        sendAt,
        dedupeKey: `${prefix}${changeId}`,
        eventId,
        registrationId: recipient.type === 'delegate' ? recipient.id : null,
      });
    }
  }
}
