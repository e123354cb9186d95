import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A shortlisted nominee: what delegates vote for. */
@Entity({ name: 'award_nominees' })
export class AwardNominee {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  awardId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  organisation!: string | null;

  @Column({ type: 'text', nullable: true })
  citation!: string | null;

  @Column({ type: 'uuid', nullable: true })
  fromNominationId!: string | null;

  /** Display order on the ballot and the award page. */
  @Column({ type: 'integer', default: 0 })
  position!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
