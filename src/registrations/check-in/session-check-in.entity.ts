import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A delegate checked in at one session's door (a workshop's, usually); one row per pair. */
@Entity({ name: 'session_check_ins' })
export class SessionCheckIn {
  @PrimaryColumn({ type: 'uuid' })
  sessionId!: string;

  @PrimaryColumn({ type: 'uuid' })
  registrationId!: string;

  @Column({ type: 'timestamptz' })
  checkedInAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  checkedInById!: string | null;
}
