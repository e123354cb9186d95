import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CountingMethod, TiePolicy } from './counting/vote-counting.js';
import type { AwardResults } from './dto/award-results.response.js';

/** One award category of an event, with its nomination and voting windows and its rules. */
@Entity({ name: 'awards' })
export class Award {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  /** Both or neither: an award without a nomination window is shortlisted by the organisers alone. */
  @Column({ type: 'timestamptz', nullable: true })
  nominationsOpenAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  nominationsCloseAt!: Date | null;

  @Column({ type: 'timestamptz' })
  votingOpensAt!: Date;

  @Column({ type: 'timestamptz' })
  votingClosesAt!: Date;

  /** When the sealed ballots were counted in (BallotRelease): the vote is over and never reopens. */
  @Column({ type: 'timestamptz', nullable: true })
  ballotsReleasedAt!: Date | null;

  @Column({ type: 'text', default: 'plurality' })
  method!: CountingMethod;

  @Column({ type: 'text', default: 'shared' })
  tiePolicy!: TiePolicy;

  @Column({ type: 'boolean', default: false })
  onlyCheckedIn!: boolean;

  @Column({ type: 'boolean', default: false })
  excludeOwnOrganisation!: boolean;

  /** One ballot per member agency, cast by the first of its delegates to vote, instead of one per delegate. */
  @Column({ type: 'boolean', default: false })
  oneVotePerAgency!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  resultsPublishedAt!: Date | null;

  /** The count as published; it cannot change afterwards (voting closed, ties settled). */
  @Column({ type: 'jsonb', nullable: true })
  publishedResults!: AwardResults | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
