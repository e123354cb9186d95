import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A delegate's (or an agency's link officer's) nomination of a colleague, with a statement; organisers merge duplicates. */
@Entity({ name: 'award_nominations' })
export class AwardNomination {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  awardId!: string;

  /** The nominating delegate's registration; shown to organisers only. */
  @Column({ type: 'uuid', nullable: true })
  nominatedById!: string | null;

  /** Who nominated: a delegate (nominatedById) or an agency's link officer (the two columns below). */
  @Column({ type: 'text', default: 'delegate' })
  nominatorKind!: 'delegate' | 'link_officer';

  /** The nominating link officer; gone (null) once they hand the role on. */
  @Column({ type: 'uuid', nullable: true })
  nominatedByLinkOfficerId!: string | null;

  /** The agency the link officer nominated for: what organisers read as the nominator. */
  @Column({ type: 'uuid', nullable: true })
  nominatedByAgencyId!: string | null;

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
