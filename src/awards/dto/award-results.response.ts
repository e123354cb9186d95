import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CountStatus, CountingMethod, TieKind, TiePolicy, TieSettlement } from '../counting/vote-counting.js';

// Classes rather than interfaces so that the OpenAPI document (and clients generated from it) types the results.

export class NomineeRef {
  @ApiProperty() nomineeId!: string;
  @ApiProperty() name!: string;
}

export class NomineeVotes extends NomineeRef {
  @ApiProperty() votes!: number;
}

export class TransferResponse {
  @ApiProperty({ type: NomineeRef }) from!: NomineeRef;
  @ApiProperty({ type: [NomineeVotes] }) to!: NomineeVotes[];
  @ApiProperty() exhausted!: number;
}

export class RoundResponse {
  @ApiProperty() round!: number;
  @ApiProperty({ type: [NomineeVotes] }) counts!: NomineeVotes[];
  @ApiProperty() continuing!: number;
  @ApiProperty() exhausted!: number;
  @ApiProperty({ type: [TransferResponse] }) transfers!: TransferResponse[];
  @ApiProperty({ type: [NomineeRef] }) eliminated!: NomineeRef[];
}

export class TieResponse {
  @ApiProperty({ enum: ['winner', 'elimination'] }) kind!: TieKind;
  @ApiProperty() round!: number;
  @ApiProperty({ type: [NomineeRef] }) nominees!: NomineeRef[];
  @ApiProperty() votes!: number;
  @ApiProperty({ enum: ['shared', 'casting', 'earlier-round', 'pending'] }) settledBy!: TieSettlement;
  @ApiPropertyOptional({ type: NomineeRef }) chosen?: NomineeRef;
  @ApiPropertyOptional() reason?: string;
  /** A sentence for the ceremony script and the audit. */
  @ApiProperty({ description: 'A sentence for the ceremony script and the audit.' }) statement!: string;
}

/** The count of one award, as organisers see it after close and everyone after publishing. */
export class AwardResults {
  @ApiProperty() awardId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['plurality', 'ranked'] }) method!: CountingMethod;
  @ApiProperty({ enum: ['shared', 'casting'] }) tiePolicy!: TiePolicy;
  @ApiProperty({ enum: ['decided', 'no-ballots', 'awaiting-casting-decision'] }) status!: CountStatus;
  @ApiProperty() published!: boolean;
  @ApiProperty({ type: String, nullable: true }) publishedAt!: string | null;
  @ApiProperty() votingClosedAt!: string;
  @ApiProperty() eligible!: number;
  @ApiProperty() ballots!: number;
  @ApiProperty() receipts!: number;
  /** receipts = ballots: every receipt has exactly one ballot. */
  @ApiProperty({ description: 'receipts = ballots: every receipt has exactly one ballot.' })
  receiptsMatchBallots!: boolean;
  /** Ballots / eligible delegates, 0..1 (4 decimals). */
  @ApiProperty({ description: 'Ballots / eligible delegates, 0..1 (4 decimals).' }) turnout!: number;
  @ApiProperty({ type: [RoundResponse] }) rounds!: RoundResponse[];
  @ApiProperty({ type: [NomineeRef] }) winners!: NomineeRef[];
  @ApiProperty({ type: [TieResponse] }) ties!: TieResponse[];
  @ApiProperty({ type: TieResponse, nullable: true }) pendingTie!: TieResponse | null;
}

/** The trustees' check: every receipt has exactly one ballot. */
export class AuditCheckResponse {
  @ApiProperty() awardId!: string;
  @ApiProperty() eligible!: number;
  @ApiProperty() receipts!: number;
  @ApiProperty() ballots!: number;
  @ApiProperty() receiptsMatchBallots!: boolean;
}
