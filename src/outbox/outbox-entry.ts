import type { NotificationKind } from './notification-kind.js';

/** One email to write into the outbox. */
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
