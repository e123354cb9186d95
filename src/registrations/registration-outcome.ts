import { maskedEmail } from '../platform/mail/email-address.js';
import type { RegistrationStatus } from './registration.entity.js';

/**
 * What DelegatesService.register decided. Only for code in this process: the personal
 * link and the outcome reach the delegate by email alone, and whoever sent the form is
 * shown `acceptedMessage`, which is the same whether the address was new or not.
 */
export interface RegistrationOutcome {
  id: string;
  status: RegistrationStatus;
  /** Place on the waiting list (1 is next). */
  waitlistPosition?: number;
  waitlistReason?: string;
  /** The current personal-link token (a repeated address keeps its own). */
  token: string;
  personalLink: string;
  /** False when the mailbox was already registered: nothing was created, its owner was emailed their link. */
  created: boolean;
  acceptedMessage: string;
}

/** The answer to a registration, new or repeated alike: says where the link went, not what it says. */
export const acceptedMessage = (typed: string): string =>
  `We have emailed the link to ${maskedEmail(typed)}; it says whether you have a place.`;
