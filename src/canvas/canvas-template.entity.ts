import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CanvasSection } from './canvas-section.js';

/** Sections saved from a canvas for reuse; the built-in templates live in canvas-templates.ts. */
@Entity({ name: 'canvas_templates' })
export class CanvasTemplate {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Unique within its event, and among shared templates. */
  @Column({ type: 'text' })
  key!: string;

  /** The event whose canvas it was saved from; its staff may use it. */
  @Column({ type: 'uuid', nullable: true })
  eventId!: string | null;

  /** Shared by an organiser with every event. */
  @Column({ type: 'boolean', default: false })
  shared!: boolean;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'jsonb' })
  sections!: CanvasSection[];

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
