import type { CountStatus, CountingMethod, TieKind, TiePolicy, TieSettlement } from '../counting/vote-counting.js';

export interface NomineeRef {
  nomineeId: string;
  name: string;
}

export interface NomineeVotes extends NomineeRef {
  votes: number;
}

export interface TransferResponse {
  from: NomineeRef;
  to: NomineeVotes[];
  exhausted: number;
}

export interface RoundResponse {
  round: number;
  counts: NomineeVotes[];
  continuing: number;
  exhausted: number;
  transfers: TransferResponse[];
  eliminated: NomineeRef[];
}

export interface TieResponse {
  kind: TieKind;
  round: number;
  nominees: NomineeRef[];
  votes: number;
  settledBy: TieSettlement;
  chosen?: NomineeRef;
  reason?: string;
  /** A sentence for the ceremony script and the audit. */
  statement: string;
}

/** The count of one award, as organisers see it after close and everyone after publishing. */
export interface AwardResults {
  awardId: string;
  title: string;
  method: CountingMethod;
  tiePolicy: TiePolicy;
  status: CountStatus;
  published: boolean;
  publishedAt: string | null;
  votingClosedAt: string;
  eligible: number;
  ballots: number;
  receipts: number;
  /** receipts = ballots: every receipt has exactly one ballot. */
  receiptsMatchBallots: boolean;
  /** Ballots / eligible delegates, 0..1 (4 decimals). */
  turnout: number;
  rounds: RoundResponse[];
  winners: NomineeRef[];
  ties: TieResponse[];
  pendingTie: TieResponse | null;
}
