import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const AGENCY_KINDS = [
  'local_authority',
  'nhs_trust',
  'voluntary',
  'university',
  'police',
  'housing',
  'other',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/**
 * A member agency of the network (not of one event). Its name and aliases are matched through
 * organisationKey; name_key and alias_keys hold those keys so a match is one indexed look-up.
 */
@Entity({ name: 'agencies' })
export class Agency {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  nameKey!: string;

  @Column({ type: 'text', array: true })
  aliases!: string[];

  @Column({ type: 'text', array: true })
  aliasKeys!: string[];

  @Column({ type: 'text', nullable: true })
  kind!: AgencyKind | null;

  @Column({ type: 'text', nullable: true })
  region!: string | null;

  /** Seen only by organisers. */
  @Column({ type: 'text', nullable: true })
  linkOfficerEmail!: string | null;

  @Column({ type: 'boolean' })
  active!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
