import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CanvasSection } from './canvas-section.js';

export const CANVAS_STATUSES = ['open', 'closed'] as const;
export type CanvasStatus = (typeof CANVAS_STATUSES)[number];

/** A workshop wall of post-it notes, joined from phones with a short code. */
@Entity({ name: 'canvases' })
export class Canvas {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @Column({ type: 'uuid', nullable: true })
  sessionId!: string | null;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'jsonb' })
  sections!: CanvasSection[];

  /** Six characters without look-alikes; unique among open canvases (partial unique index). */
  @Column({ type: 'text' })
  joinCode!: string;

  /** Anyone with the code may post; otherwise a delegate token of the event is needed. */
  @Column({ type: 'boolean', default: true })
  anonymous!: boolean;

  @Column({ type: 'integer', default: 3 })
  dotsPerPerson!: number;

  @Column({ type: 'text', default: 'open' })
  status!: CanvasStatus;

  /** "Write privately, then reveal": notes of a section not yet revealed stay off the public screens. */
  @Column({ type: 'boolean', default: false })
  writePrivately!: boolean;

  /** The sections revealed so far (only read while writePrivately is on). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  revealedSections!: string[];

  /** The room's screen and the phones show no authors' names. */
  @Column({ type: 'boolean', default: false })
  hideAuthors!: boolean;

  /** The current step's timer, shown on every screen until it ends. */
  @Column({ type: 'text', nullable: true })
  timerLabel!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  timerEndsAt!: Date | null;

  /** Last sequence number given to an entry of canvas_events (SSE ids). */
  @Column({ type: 'bigint', default: 0 })
  eventSeq!: string;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
