import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CanvasSection } from './canvas-section.js';

/** Sections saved from a canvas for reuse; the built-in templates live in canvas-templates.ts. */
@Entity({ name: 'canvas_templates' })
export class CanvasTemplate {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  key!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'jsonb' })
  sections!: CanvasSection[];

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
