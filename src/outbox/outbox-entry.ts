import type { NotificationKind } from './notification-kind.js';
import type { PayloadOf } from './notification-payloads.js';

interface OutboxEntryFields {
  recipient: string;
  sendAt: Date;
  /** Unique across all rows: writing the same key twice is a no-op. */
  dedupeKey: string;
  eventId?: string | null;
  registrationId?: string | null;
}

/** One email to write into the outbox: its kind, and that kind's payload as data. */
export type OutboxEntry<K extends NotificationKind = NotificationKind> = OutboxEntryFields & {
  kind: K;
  data?: PayloadOf<K>;
};
