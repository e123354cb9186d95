import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TieKind } from './counting/vote-counting.js';

/** An organiser's casting decision on a tie, recorded with a reason (tie policy `casting`). */
@Entity({ name: 'award_tie_decisions' })
export class AwardTieDecision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  awardId!: string;

  @Column({ type: 'text' })
  kind!: TieKind;

  @Column({ type: 'integer' })
  round!: number;

  @Column({ type: 'uuid', array: true })
  tiedNomineeIds!: string[];

  /** The winner of a winner tie, or the one eliminated in an elimination tie. */
  @Column({ type: 'uuid' })
  nomineeId!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'uuid', nullable: true })
  decidedById!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  decidedAt!: Date;
}
