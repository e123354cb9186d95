import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Proof that a delegate voted in an award, without what they voted for. The primary key
 * (award, registration) is the one-delegate-one-vote guard.
 */
@Entity({ name: 'ballot_receipts' })
export class BallotReceipt {
  @PrimaryColumn({ type: 'uuid' })
  awardId!: string;

  @PrimaryColumn({ type: 'uuid' })
  registrationId!: string;

  /** Given to the delegate; listed (without names) in the audit export. */
  @Column({ type: 'text' })
  receiptCode!: string;
}
