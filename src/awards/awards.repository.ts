import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EventStatus } from '../events/event.entity.js';
import { CallBatcher } from '../platform/batching/call-batcher.js';
import {
  type BallotRow,
  CAST_BALLOT_SQL,
  CAST_BALLOTS_SQL,
  castBallotParameters,
  castBallotsParameters,
} from './ballot.sql.js';
import type { CountingMethod } from './counting/vote-counting.js';

/** What casting a ballot needs to know about an award, read in one query. */
export interface VotingView {
  id: string;
  eventId: string;
  eventStatus: EventStatus;
  method: CountingMethod;
  votingOpensAt: Date;
  votingClosesAt: Date;
  onlyCheckedIn: boolean;
  excludeOwnOrganisation: boolean;
  nominees: Array<{ id: string; name: string; organisation: string | null }>;
}

interface VotingRow {
  id: string;
  event_id: string;
  event_status: EventStatus;
  method: CountingMethod;
  voting_opens_at: Date;
  voting_closes_at: Date;
  only_checked_in: boolean;
  exclude_own_organisation: boolean;
  nominees: Array<{ id: string; name: string; organisation: string | null }>;
}

/**
 * In a vote storm, ballots arriving while earlier ones are being written go together in one
 * statement. A few batches at once keep some of the pool free for other requests.
 */
const BALLOT_BATCHING = { maxBatch: 100, maxConcurrentBatches: 3 };

/** The awards module's hand-written SQL: the ballot path and the counts behind results and the audit. */
@Injectable()
export class AwardsRepository {
  private readonly ballots = new CallBatcher((ballots: BallotRow[]) => this.castBallots(ballots), BALLOT_BATCHING);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async votingView(awardId: string): Promise<VotingView | undefined> {
    const rows = await this.db.query<VotingRow[]>(
      `SELECT a.id, a.event_id, e.status AS event_status, a.method, a.voting_opens_at, a.voting_closes_at,
              a.only_checked_in, a.exclude_own_organisation,
              COALESCE((SELECT json_agg(json_build_object('id', n.id, 'name', n.name, 'organisation', n.organisation))
                          FROM award_nominees n WHERE n.award_id = a.id), '[]'::json) AS nominees
         FROM awards a JOIN events e ON e.id = a.event_id
        WHERE a.id = $1`,
      [awardId],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      eventId: row.event_id,
      eventStatus: row.event_status,
      method: row.method,
      votingOpensAt: row.voting_opens_at,
      votingClosesAt: row.voting_closes_at,
      onlyCheckedIn: row.only_checked_in,
      excludeOwnOrganisation: row.exclude_own_organisation,
      nominees: row.nominees,
    };
  }

  /**
   * The receipt and the ballot in one statement (see CAST_BALLOTS_SQL): the ballot is only
   * written when the receipt was, and the receipt's primary key (award, registration) turns
   * every later attempt into a no-op; a concurrent attempt waits for the first to commit,
   * then does nothing. Ballots cast at the same moment share a statement (BALLOT_BATCHING).
   * Returns false when nothing was written: the token is no confirmed delegate's of the
   * award's event (or not checked in where that is required), the delegate had voted, or
   * voting was not open at `castAt`. (A clash of 60-bit receipt codes would also read as
   * "already voted"; at 3,000 voters the odds are about 1e-11.)
   */
  castBallot(ballot: BallotRow): Promise<boolean> {
    return this.ballots.call(ballot);
  }

  /** A lone ballot takes the single-ballot statement, which PostgreSQL plans in less time. */
  private async castBallots(ballots: BallotRow[]): Promise<boolean[]> {
    if (ballots.length === 1) {
      const rows = await this.db.query<Array<{ cast: boolean }>>(CAST_BALLOT_SQL, castBallotParameters(ballots[0]));
      return [rows.length === 1];
    }
    const rows = await this.db.query<Array<{ n: number }>>(CAST_BALLOTS_SQL, castBallotsParameters(ballots));
    const cast = new Set(rows.map((row) => row.n));
    return ballots.map((_, i) => cast.has(i + 1));
  }

  /** Delegates who may vote: confirmed, not erased, and checked in if the award requires it. */
  async countEligible(eventId: string, onlyCheckedIn: boolean): Promise<number> {
    const rows = await this.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM registrations
        WHERE event_id = $1 AND status = 'confirmed' AND erased_at IS NULL
          AND ($2::boolean = false OR checked_in_at IS NOT NULL)`,
      [eventId, onlyCheckedIn],
    );
    return rows[0]?.n ?? 0;
  }

  /** Both counts read in one snapshot, so a ballot committing in between cannot make them differ. */
  async receiptAndBallotCounts(awardId: string): Promise<{ receipts: number; ballots: number }> {
    const rows = await this.db.query<Array<{ receipts: number; ballots: number }>>(
      `SELECT (SELECT count(*)::int FROM ballot_receipts WHERE award_id = $1) AS receipts,
              (SELECT count(*)::int FROM ballots WHERE award_id = $1) AS ballots`,
      [awardId],
    );
    return rows[0] ?? { receipts: 0, ballots: 0 };
  }

  async ballotChoices(awardId: string): Promise<string[][]> {
    const rows = await this.db.query<Array<{ choices: string[] }>>(
      `SELECT choices::text[] AS choices FROM ballots WHERE award_id = $1`,
      [awardId],
    );
    return rows.map((row) => row.choices);
  }

  /** Receipt codes in code order (never insertion order), for the audit export. */
  async receiptCodes(awardId: string): Promise<string[]> {
    const rows = await this.db.query<Array<{ receipt_code: string }>>(
      `SELECT receipt_code FROM ballot_receipts WHERE award_id = $1 ORDER BY receipt_code`,
      [awardId],
    );
    return rows.map((row) => row.receipt_code);
  }
}
