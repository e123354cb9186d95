import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { NotificationKind } from '../outbox/notification-kind.js';

export type EventChangeRecipientType = 'delegate' | 'speaker';

export interface EventChangeRecipient {
  type: EventChangeRecipientType;
  id: string;
  email: string;
}

/**
 * The queries behind the event-change notice. Delegates and speakers live in tables of folders
 * to the right of events on the floor plan, so they are read here by SQL, not through their entities.
 */
@Injectable()
export class EventChangesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Confirmed and waiting delegates, and the speakers (with an address) of the event's sessions. */
  recipients(manager: EntityManager, eventId: string): Promise<EventChangeRecipient[]> {
    return manager.query<EventChangeRecipient[]>(
      `SELECT 'delegate' AS type, r.id, r.email FROM registrations r
        WHERE r.event_id = $1 AND r.status IN ('confirmed', 'waitlisted') AND r.erased_at IS NULL
       UNION ALL
       SELECT 'speaker' AS type, sp.id, sp.email FROM speakers sp
        WHERE sp.event_id = $1 AND sp.email IS NOT NULL
          AND EXISTS (SELECT 1 FROM session_speakers ss JOIN sessions s ON s.id = ss.session_id
                       WHERE ss.speaker_id = sp.id AND s.removed_at IS NULL)`,
      [eventId],
    );
  }

  /**
   * Pushes back every pending event-change notice of the event (never beyond maxDelayMs after
   * the first change of its burst) and returns whom they are for: those need no new one.
   */
  async pushPending(
    manager: EntityManager,
    eventId: string,
    sendAt: Date,
    maxDelayMs: number,
  ): Promise<Array<{ type: EventChangeRecipientType; id: string }>> {
    const [rows] = await manager.query<[Array<{ type: EventChangeRecipientType; id: string }>, number]>(
      `UPDATE notifications
          SET send_at = LEAST($2::timestamptz, (data->>'since')::timestamptz + $3 * interval '1 millisecond'),
              updated_at = now()
        WHERE event_id = $1 AND kind = $4 AND status = 'pending'
      RETURNING data->>'recipientType' AS type, data->>'recipientId' AS id`,
      [eventId, sendAt, maxDelayMs, NotificationKind.EventChanged],
    );
    return rows;
  }

  /**
   * Who a notice is for, as it stands at send time: undefined once they are gone (a delegate
   * cancelled or erased, a speaker deleted). A delegate is greeted by name only after using
   * their personal link, as registrations' greetingName does.
   */
  async recipient(
    type: EventChangeRecipientType,
    id: string,
  ): Promise<{ greeting: string | undefined; waitlisted: boolean } | undefined> {
    const [row] = await this.db.query<Array<{ greeting: string | null; waitlisted: boolean }>>(
      type === 'delegate'
        ? `SELECT CASE WHEN link_used_at IS NOT NULL THEN name END AS greeting, status = 'waitlisted' AS waitlisted
             FROM registrations WHERE id = $1 AND status IN ('confirmed', 'waitlisted') AND erased_at IS NULL`
        : `SELECT name AS greeting, false AS waitlisted FROM speakers WHERE id = $1 AND email IS NOT NULL`,
      [id],
    );
    return row ? { greeting: row.greeting ?? undefined, waitlisted: row.waitlisted } : undefined;
  }
}
