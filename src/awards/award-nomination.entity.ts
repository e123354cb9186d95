import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A delegate's nomination of a colleague, with a statement; organisers merge duplicates. */
@Entity({ name: 'award_nominations' })
export class AwardNomination {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  awardId!: string;

  /** The nominating delegate's registration; shown to organisers only. */
  @Column({ type: 'uuid', nullable: true })
  nominatedById!: string | null;

  @Column({ type: 'text' })
  nomineeName!: string;

  @Column({ type: 'text', nullable: true })
  nomineeOrganisation!: string | null;

  @Column({ type: 'text' })
  statement!: string;

  /** Set when an organiser merged this nomination into another (e.g. "Dave Smith" into "David Smith"). */
  @Column({ type: 'uuid', nullable: true })
  mergedIntoId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
