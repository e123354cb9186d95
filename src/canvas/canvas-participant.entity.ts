import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person's dot budget on one canvas; the conditional upsert on this row enforces the limit. */
@Entity({ name: 'canvas_participants' })
export class CanvasParticipant {
  @PrimaryColumn({ type: 'uuid' })
  canvasId!: string;

  @PrimaryColumn({ type: 'text' })
  participantKey!: string;

  @Column({ type: 'integer', default: 0 })
  dotsUsed!: number;
}
