import { CreateDateColumn, Column, Entity, PrimaryColumn } from 'typeorm';

export const EVENT_ROLES = ['organiser', 'facilitator'] as const;
export type EventRole = (typeof EVENT_ROLES)[number];

/** A staff user's role on one event; rights are per event. */
@Entity({ name: 'event_members' })
export class EventMember {
  @PrimaryColumn({ type: 'uuid' })
  eventId!: string;

  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  role!: EventRole;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
