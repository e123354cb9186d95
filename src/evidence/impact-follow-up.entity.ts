import { Column, Entity, PrimaryColumn } from 'typeorm';

export const FOLLOW_UP_UNITS = ['weeks', 'months'] as const;
export type FollowUpUnit = (typeof FOLLOW_UP_UNITS)[number];

/** An event's impact follow-up: when after the event it is asked, its two questions, and when it went. */
@Entity({ name: 'impact_follow_ups' })
export class ImpactFollowUp {
  @PrimaryColumn({ type: 'uuid' })
  eventId!: string;

  @Column({ type: 'integer' })
  afterCount!: number;

  @Column({ type: 'text' })
  afterUnit!: FollowUpUnit;

  @Column({ type: 'text' })
  ratingQuestion!: string;

  @Column({ type: 'text' })
  practiceQuestion!: string;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
