import {
  Column,
  CreateDateColumn,
  Entity,
  JoinTable,
  ManyToMany,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Speaker } from './speaker.entity.js';

export const SESSION_KINDS = ['keynote', 'talk', 'panel', 'workshop', 'break', 'other'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export const SESSION_STATUSES = ['scheduled', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** One slot of an event's agenda ("session" in the API; the class name avoids clashing with HTTP sessions). */
@Entity({ name: 'sessions' })
export class AgendaSession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  abstract!: string | null;

  @Column({ type: 'text' })
  kind!: SessionKind;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'text', nullable: true })
  room!: string | null;

  @Column({ type: 'text', nullable: true })
  track!: string | null;

  /** Seats, for workshops with their own sign-up; null means no limit. */
  @Column({ type: 'integer', nullable: true })
  capacity!: number | null;

  @Column({ type: 'text', default: 'scheduled' })
  status!: SessionStatus;

  /** iCalendar SEQUENCE: rises with each change after publishing. */
  @Column({ type: 'integer', default: 0 })
  sequence!: number;

  /**
   * Set when the session was deleted from an agenda that had been published: the row stays,
   * cancelled, so the calendar feed can tell subscribers; everything else treats it as gone.
   */
  @Column({ type: 'timestamptz', nullable: true })
  removedAt!: Date | null;

  @ManyToMany(() => Speaker)
  @JoinTable({
    name: 'session_speakers',
    joinColumn: { name: 'session_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'speaker_id', referencedColumnName: 'id' },
  })
  speakers!: Relation<Speaker[]>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
