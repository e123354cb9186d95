import { NotificationKind } from '../outbox/notification-kind.js';
import type { NoPayload } from '../outbox/notification-payloads.js';

/** A workshop email's session and the sign-up it is about. */
export type WorkshopSignupData = { sessionId: string; signupId: string };

/** The delegates' emails: most are written from the registration alone. */
declare module '../outbox/notification-payloads.js' {
  interface NotificationPayloads {
    [NotificationKind.EventCancelled]: { eventId: string };
    [NotificationKind.RegistrationConfirmed]: NoPayload;
    [NotificationKind.RegistrationWaitlisted]: NoPayload;
    [NotificationKind.RegistrationPromoted]: NoPayload;
    [NotificationKind.RegistrationCancelled]: NoPayload;
    [NotificationKind.RegistrationLink]: NoPayload;
    [NotificationKind.WorkshopPromoted]: WorkshopSignupData;
    [NotificationKind.WorkshopSignedUp]: WorkshopSignupData;
  }
}
