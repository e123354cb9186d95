import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NotificationKind } from './notification-kind.js';

export interface OutboxEntry {
  kind: NotificationKind;
  recipient: string;
  data?: Record<string, unknown>;
  sendAt: Date;
  /** Unique across all rows: writing the same key twice is a no-op. */
  dedupeKey: string;
  eventId?: string | null;
  registrationId?: string | null;
}

/**
 * Writes emails into the outbox inside the caller's transaction, so an email exists
 * exactly when the change that causes it commits.
 */
@Injectable()
export class OutboxService {
  /** Returns how many rows were new (0 when the dedupe key already existed). */
  async enqueue(manager: EntityManager, ...entries: OutboxEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into('notifications')
      .values(
        entries.map((e) => ({
          kind: e.kind,
          recipient: e.recipient,
          data: e.data ?? {},
          sendAt: e.sendAt,
          dedupeKey: e.dedupeKey,
          eventId: e.eventId ?? null,
          registrationId: e.registrationId ?? null,
        })),
      )
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length;
  }

  /** How many emails of a kind were due for a registration since a moment (any status). */
  async countSince(
    manager: EntityManager,
    registrationId: string,
    kind: NotificationKind,
    since: Date,
  ): Promise<number> {
    const rows: Array<{ n: number }> = await manager.query(
      `SELECT count(*)::int AS n FROM notifications WHERE registration_id = $1 AND kind = $2 AND send_at >= $3`,
      [registrationId, kind, since],
    );
    return rows[0]?.n ?? 0;
  }

  /** Cancels what has not gone out yet for a registration (e.g. it was cancelled). */
  async cancelPendingForRegistration(
    manager: EntityManager,
    registrationId: string,
    kinds?: NotificationKind[],
  ): Promise<number> {
    const query = manager
      .createQueryBuilder()
      .update('notifications')
      .set({ status: 'cancelled', lastError: null })
      .where('registration_id = :registrationId', { registrationId })
      .andWhere(`status IN ('pending', 'queued')`);
    if (kinds?.length) query.andWhere('kind IN (:...kinds)', { kinds });
    return (await query.execute()).affected ?? 0;
  }
}
