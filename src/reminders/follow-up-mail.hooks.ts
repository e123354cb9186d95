import { Injectable } from '@nestjs/common';
import type { MailAttachment } from '../platform/mail/mail-message.js';
import { Hooks } from '../platform/hooks/hooks.js';
import type { ReminderContextRow } from './reminders.repository.js';

/** The delegate an event's follow-up (a reminder rule after the event ends) is being written to. */
export interface FollowUpRecipient {
  registration: Pick<ReminderContextRow['registration'], 'id' | 'name'>;
  event: Pick<ReminderContextRow['event'], 'title' | 'startsAt' | 'endsAt' | 'venue' | 'timezone'>;
}

/** What the listeners add to that email: paragraphs after the request for feedback, and files. */
export interface FollowUpAdditions {
  paragraphs: string[];
  attachments: MailAttachment[];
}

/**
 * Announced while a follow-up is written, so the folders to the right can put their part of
 * what a delegate takes home from the event into it (evidence attaches the CPD certificate)
 * without reminders reading their tables.
 */
@Injectable()
export class FollowUpMailHooks extends Hooks<[recipient: FollowUpRecipient, additions: FollowUpAdditions]> {}
