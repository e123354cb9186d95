import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A delegate who stopped the event's reminders and follow-ups; none is composed for them after. */
@Entity({ name: 'reminder_opt_outs' })
export class ReminderOptOut {
  @PrimaryColumn({ type: 'uuid' })
  registrationId!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
