import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One issue of a delegate's CPD certificate; revoked when attendance changes and a new one is issued. */
@Entity({ name: 'cpd_certificates' })
export class CpdCertificate {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'uuid' })
  registrationId!: string;

  @Column({ type: 'integer' })
  minutes!: number;

  @Column({ type: 'text' })
  sessionsKey!: string;

  @Column({ type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
