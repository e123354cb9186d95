/**
 * Every kind of email. Each has a composer registered by the module that owns it
 * (see NotificationComposers); a test checks none is missing.
 */
export enum NotificationKind {
  /** A plain message with a subject, paragraphs and an optional link (used by tests and admins). */
  Message = 'message',
}
