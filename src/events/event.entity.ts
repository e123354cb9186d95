import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const EVENT_STATUSES = ['draft', 'published', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

@Entity({ name: 'events' })
export class Event {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  slug!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'text', default: '' })
  venue!: string;

  /** IANA zone, e.g. Europe/London; agenda days and email times are shown in it. */
  @Column({ type: 'text' })
  timezone!: string;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'integer' })
  capacity!: number;

  /** At most this many confirmed places per organisation; null means no cap. */
  @Column({ type: 'integer', nullable: true })
  perOrganisationCap!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  registrationOpensAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  registrationClosesAt!: Date | null;

  @Column({ type: 'text', default: 'draft' })
  status!: EventStatus;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** Rises with every agenda change; part of the agenda's ETag and cache key. */
  @Column({ type: 'integer', default: 0 })
  agendaVersion!: number;

  /** iCalendar SEQUENCE of the event's own VEVENT: rises when a published event moves or is cancelled. */
  @Column({ type: 'integer', default: 0 })
  sequence!: number;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
