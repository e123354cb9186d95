import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const CHANGE_KINDS = [
  'added',
  'removed',
  'moved',
  'retimed',
  're-roomed',
  'cancelled',
  'reinstated',
  'speakers-changed',
  'renamed',
  'details',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** The recorded values of a session; only the fields that changed are kept in old/new. */
export interface SessionValues {
  title?: string;
  kind?: string;
  startsAt?: string;
  endsAt?: string;
  room?: string | null;
  track?: string | null;
  status?: string;
  abstract?: string | null;
  capacity?: number | null;
  speakers?: Array<{ id: string; name: string }>;
}

/**
 * One change to a published agenda, with old and new values. Kept when the session is
 * deleted (no foreign key on session_id) so the change list stays complete.
 */
@Entity({ name: 'agenda_changes' })
export class AgendaChange {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  /** The title when the change was made. */
  @Column({ type: 'text' })
  sessionTitle!: string;

  @Column({ type: 'text', array: true })
  kinds!: ChangeKind[];

  @Column({ type: 'jsonb', nullable: true })
  oldValues!: SessionValues | null;

  @Column({ type: 'jsonb', nullable: true })
  newValues!: SessionValues | null;

  /** Speakers before or after the change: who is told about it. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  speakerIds!: string[];

  /** Delegates signed up to the session when it changed: who is told about it. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  registrationIds!: string[];

  /** Set from the application clock so the debounced email can bound its window exactly. */
  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
