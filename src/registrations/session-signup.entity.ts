import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const SIGNUP_STATUSES = ['confirmed', 'waitlisted'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];

/** A delegate's place (or place in the queue) in a workshop with its own capacity. */
@Entity({ name: 'session_signups' })
export class SessionSignup {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'uuid' })
  registrationId!: string;

  @Column({ type: 'text' })
  status!: SignupStatus;

  @Column({ type: 'bigint', nullable: true })
  waitlistSeq!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
