import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A session's CPD hours (an organiser's override of its length) and the code shown in its room. */
@Entity({ name: 'session_cpd' })
export class SessionCpd {
  @PrimaryColumn({ type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  /** Null: the session's length counts. */
  @Column({ type: 'integer', nullable: true })
  cpdMinutes!: number | null;

  @Column({ type: 'text' })
  roomCode!: string;
}
