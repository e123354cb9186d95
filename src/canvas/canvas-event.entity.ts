import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A change to a canvas, numbered per canvas so a reconnecting stream can catch up (Last-Event-ID). */
@Entity({ name: 'canvas_events' })
export class CanvasEvent {
  @PrimaryColumn({ type: 'uuid' })
  canvasId!: string;

  @PrimaryColumn({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
