import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const FEEDBACK_ROUNDS = ['immediate', 'impact'] as const;
export type FeedbackRound = (typeof FEEDBACK_ROUNDS)[number];

/** An event's feedback window: it closes this many days after the event ends. */
@Entity({ name: 'feedback_settings' })
export class FeedbackSettings {
  @PrimaryColumn({ type: 'uuid' })
  eventId!: string;

  @Column({ type: 'integer', default: 14 })
  closesAfterDays!: number;
}

/** One of the (at most five) questions rated out of 5; editing the text keeps the id the ratings refer to. */
@Entity({ name: 'feedback_questions' })
export class FeedbackQuestion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'timestamptz', nullable: true })
  removedAt!: Date | null;
}

/** Proof that a delegate answered a form (a session's, or the event's: subjectId is then the event), without what. */
@Entity({ name: 'feedback_receipts' })
export class FeedbackReceipt {
  @PrimaryColumn({ type: 'text' })
  round!: FeedbackRound;

  @PrimaryColumn({ type: 'uuid' })
  subjectId!: string;

  @PrimaryColumn({ type: 'uuid' })
  registrationId!: string;
}

/** What was answered, by nobody in particular: no delegate column and no time. */
@Entity({ name: 'feedback_answers' })
export class FeedbackAnswer {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  /** Null: feedback on the whole event. */
  @Column({ type: 'uuid', nullable: true })
  sessionId!: string | null;

  @Column({ type: 'text' })
  round!: FeedbackRound;

  /** Question id → rating 1–5. */
  @Column({ type: 'jsonb', default: {} })
  ratings!: Record<string, number>;

  @Column({ type: 'text', nullable: true })
  practice!: string | null;
}

/** A speaker's secret link to their sessions' results: the token's hash only. */
@Entity({ name: 'speaker_result_links' })
export class SpeakerResultLink {
  @PrimaryColumn({ type: 'uuid' })
  speakerId!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @Column({ type: 'text' })
  tokenHash!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
