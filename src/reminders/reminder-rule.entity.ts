import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const REMINDER_ANCHORS = ['event-start', 'event-end', 'session-start'] as const;
/** What a rule counts from: before the event starts, after it ends, or before each signed-up workshop. */
export type ReminderAnchor = (typeof REMINDER_ANCHORS)[number];

@Entity({ name: 'reminder_rules' })
export class ReminderRule {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @Column({ type: 'text' })
  anchor!: ReminderAnchor;

  /** The ISO-8601 duration as the organiser wrote it (P7D, PT1H). */
  @Column({ type: 'text' })
  offset!: string;

  /** The same duration in seconds, for SQL arithmetic. */
  @Column({ type: 'integer' })
  offsetSeconds!: number;

  @Column({ type: 'text', nullable: true })
  subject!: string | null;

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @Column({ type: 'integer' })
  position!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
