import type { MessageData } from './message.composer.js';
import type { NotificationKind } from './notification-kind.js';
import type { Notification } from './notification.entity.js';

/**
 * The data each kind of email carries, by kind. The folder that owns a kind adds its entry by
 * declaration merging, beside the code that writes and composes it
 * (`declare module '../outbox/notification-payloads.js' { interface NotificationPayloads { … } }`),
 * so the outbox stays below those folders on the floor plan while the writer and the composer
 * are checked against one shape. Payloads are type aliases (not interfaces), so they stay
 * assignable to the JSON column's Record type.
 */
export interface NotificationPayloads {
  [NotificationKind.Message]: MessageData;
}

/** The payload of a kind whose email is written from its registration alone. */
export type NoPayload = Record<string, never>;

/** What a kind's data holds; a kind nobody declared yet is an open record. */
export type PayloadOf<K extends NotificationKind> = K extends keyof NotificationPayloads
  ? NotificationPayloads[K]
  : Record<string, unknown>;

/** An outbox row whose data is its kind's payload. */
export type NotificationOf<K extends NotificationKind> = Omit<Notification, 'kind' | 'data'> & {
  kind: K;
  data: PayloadOf<K>;
};
