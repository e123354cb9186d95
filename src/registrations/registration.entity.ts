import {
  BeforeInsert,
  BeforeUpdate,
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { organisationKey } from '../platform/text/organisation-key.js';

export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/**
 * The name to greet a delegate by in mail, once their personal link has been used: until
 * then anyone may have typed it, with someone else's address (the organisation's email
 * would carry a stranger's chosen text to that address).
 */
export const greetingName = (registration: { name: string; linkUsedAt: Date | null }): string | undefined =>
  registration.linkUsedAt ? registration.name : undefined;

@Entity({ name: 'registrations' })
export class Registration {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @Column({ type: 'text' })
  name!: string;

  /** As typed (trimmed): the address mail is sent to. */
  @Column({ type: 'text' })
  email!: string;

  /** The mailbox (canonicalEmail of the address); unique per event. */
  @Column({ type: 'text' })
  emailCanonical!: string;

  @Column({ type: 'text', nullable: true })
  organisation!: string | null;

  /** organisationKey(organisation): how the text is compared (the cap, matching to an agency). */
  @Column({ type: 'text', nullable: true })
  organisationKey!: string | null;

  /** The member agency the registration counts with, when its organisation names one. */
  @Column({ type: 'uuid', nullable: true })
  agencyId!: string | null;

  /** Rows written through TypeORM (fixtures, the seeder's loads) get the key the SQL paths write. */
  @BeforeInsert()
  @BeforeUpdate()
  keyOrganisation(): void {
    if (this.organisation !== undefined) this.organisationKey = organisationKey(this.organisation);
  }

  @Column({ type: 'text', nullable: true })
  jobTitle!: string | null;

  /** Visible only to the event's organisers. */
  @Column({ type: 'text', nullable: true })
  accessNeeds!: string | null;

  /** Visible only to the event's organisers. */
  @Column({ type: 'text', nullable: true })
  dietaryNeeds!: string | null;

  @Column({ type: 'timestamptz' })
  consentedAt!: Date;

  @Column({ type: 'text' })
  status!: RegistrationStatus;

  /** Arrival order on the waiting list; the position shown is the rank among those still waiting. */
  @Column({ type: 'bigint', nullable: true })
  waitlistSeq!: string | null;

  @Column({ type: 'text', nullable: true })
  waitlistReason!: string | null;

  /** SHA-256 (hex) of the personal-link token; the token itself is never stored. */
  @Column({ type: 'text', unique: true })
  tokenHash!: string;

  /**
   * The personal-link token sealed with the app secret (AES-GCM), so reminders can carry
   * the link; the hash above is what authenticates. Cleared on erasure.
   */
  @Column({ type: 'text', nullable: true })
  tokenSealed!: string | null;

  /** What the delegate's QR code holds at the door; set by the database, never the personal-link token. */
  @Column({ type: 'text', unique: true, insert: false, update: false })
  checkInCode!: string;

  /**
   * When the personal link was first used. Only its owner receives it, so from then on the
   * name is known to come from the mailbox's owner; mail greets by name only after it.
   */
  @Column({ type: 'timestamptz', nullable: true })
  linkUsedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  checkedInAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  checkedInById!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  erasedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
