import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One dot-vote; stays on the note it was cast on, also after that note is merged. */
@Entity({ name: 'note_dots' })
export class NoteDot {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  canvasId!: string;

  @Column({ type: 'uuid' })
  noteId!: string;

  @Column({ type: 'text' })
  participantKey!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
