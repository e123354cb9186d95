/**
 * Every kind of email. Each has a composer registered by the module that owns it
 * (see NotificationComposers); a test checks none is missing.
 */
export enum NotificationKind {
  /** A plain message with a subject, paragraphs and an optional link (used by tests and admins). */
  Message = 'message',
  /** Events: the event was cancelled, with a CANCELLED .ics. */
  EventCancelled = 'event-cancelled',
  /** Events: one email per burst of changes to a published event's dates, times or venue, with its .ics. */
  EventChanged = 'event-changed',
  /** Agenda: one email per burst of edits to sessions a speaker or signed-up delegate is in. */
  AgendaChanged = 'agenda-changed',
  /** Reminders: before the event, after it (follow-up) or before each signed-up workshop. */
  Reminder = 'reminder',
  /** Registrations: a place, with the personal link and the event's .ics. */
  RegistrationConfirmed = 'registration-confirmed',
  /** Registrations: on the waiting list, with the personal link. */
  RegistrationWaitlisted = 'registration-waitlisted',
  /** Registrations: moved from the waiting list to a place, with the event's .ics. */
  RegistrationPromoted = 'registration-promoted',
  /** Registrations: the delegate cancelled. */
  RegistrationCancelled = 'registration-cancelled',
  /** Registrations: the current personal link again (resend-link, or the address registered again). */
  RegistrationLink = 'registration-link',
  /** Registrations: the agency's link officer passed this delegate's place on to a colleague. */
  RegistrationPassedOn = 'registration-passed-on',
  /** Registrations: moved from a workshop's waiting list to a place. */
  WorkshopPromoted = 'workshop-promoted',
  /** Registrations: a place in a workshop just signed up for, with that session's .ics. */
  WorkshopSignedUp = 'workshop-signed-up',
  /** Evidence: once, to an attendee who has not yet answered the feedback. */
  FeedbackReminder = 'feedback-reminder',
  /** Canvas: a canvas's write-up, once to each delegate who posted on it. */
  CanvasWriteUp = 'canvas-write-up',
  /** Evidence: the impact follow-up, once, weeks or months after the event, to those who attended. */
  ImpactFollowUp = 'impact-follow-up',
  /** Link officers: a single-use sign-in link. */
  LinkOfficerSignIn = 'link-officer-sign-in',
  /** Link officers: a colleague was handed the role. */
  LinkOfficerHandOver = 'link-officer-hand-over',
}
