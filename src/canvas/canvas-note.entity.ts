import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One post-it. A merged note points at the note it was merged into and keeps its own dots. */
@Entity({ name: 'canvas_notes' })
export class CanvasNote {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  canvasId!: string;

  @Column({ type: 'text' })
  sectionKey!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'text', nullable: true })
  authorName!: string | null;

  @Column({ type: 'text', nullable: true })
  groupName!: string | null;

  @Column({ type: 'text', nullable: true })
  cluster!: string | null;

  @Column({ type: 'boolean', default: false })
  hidden!: boolean;

  @Column({ type: 'uuid', nullable: true })
  mergedIntoId!: string | null;

  /** Who posted: `d:<registration id>` or `c:<cookie id>`; never shown. */
  @Column({ type: 'text' })
  participantKey!: string;

  /** Dots cast on this note itself. */
  @Column({ type: 'integer', default: 0 })
  ownDots!: number;

  /** Own dots plus those of the notes merged into it: what the wall and exports show. */
  @Column({ type: 'integer', default: 0 })
  dots!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
