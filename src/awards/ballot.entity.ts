import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A secret ballot: the award and the choices, nothing else. No voter reference, no time,
 * a random id, so neither a column nor the order of ids leads back to a receipt.
 */
@Entity({ name: 'ballots' })
export class Ballot {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  awardId!: string;

  /** Nominee ids, first preference first (one for a plurality award). */
  @Column({ type: 'uuid', array: true })
  choices!: string[];
}
