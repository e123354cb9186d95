import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
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
import { ELIGIBLE_VOTER_SQL } from './voter-eligibility.js';

/** An award as a delegate's page lists it: its windows, and whether they have voted. */
export interface DelegateAward {
  id: string;
  title: string;
  nominationsOpenAt: Date | null;
  nominationsCloseAt: Date | null;
  votingOpensAt: Date;
  votingClosesAt: Date;
  resultsPublishedAt: Date | null;
  voted: boolean;
}

/** What casting a ballot needs to know about an award, read in one query. */
export interface VotingView {
  id: string;
  eventId: string;
  eventStatus: EventStatus;
  method: CountingMethod;
  votingOpensAt: Date;
  votingClosesAt: Date;
  /** Set when the sealed ballots were counted in: voting is over for good. */
  ballotsReleasedAt: Date | null;
  onlyCheckedIn: boolean;
  excludeOwnOrganisation: boolean;
  oneVotePerAgency: boolean;
  nominees: Array<{ id: string; name: string; organisation: string | null }>;
}

export type WindowChangeKind = 'created' | 'moved' | 'closed';

/** One entry of an award's voting-window trail. */
export interface WindowChange {
  kind: WindowChangeKind;
  votingOpensAt: Date;
  votingClosesAt: Date;
  previousOpensAt: Date | null;
  previousClosesAt: Date | null;
  /** The staff member who made the change; null for the close, which is nobody's act. */
  changedBy: string | null;
  changedAt: Date;
}

export interface NewWindowChange {
  awardId: string;
  kind: WindowChangeKind;
  votingOpensAt: Date;
  votingClosesAt: Date;
  previousOpensAt?: Date | null;
  previousClosesAt?: Date | null;
  changedById?: string | null;
}

interface VotingRow {
  id: string;
  event_id: string;
  event_status: EventStatus;
  method: CountingMethod;
  voting_opens_at: Date;
  voting_closes_at: Date;
  ballots_released_at: Date | null;
  only_checked_in: boolean;
  exclude_own_organisation: boolean;
  one_vote_per_agency: boolean;
  nominees: Array<{ id: string; name: string; organisation: string | null }>;
}

/**
 * In a vote storm, ballots arriving while earlier ones are being written go together in one
 * statement. A few batches at once keep some of the pool free for other requests.
 */
const BALLOT_BATCHING = { maxBatch: 100, maxConcurrentBatches: 3 };

const ERASE_FROM_NOMINATIONS_SQL = `
  UPDATE award_nominations n
     SET nominee_name = CASE WHEN n.nominee_name ~* ('^\\s*' || $2 || '\\s*$') THEN 'Erased delegate' ELSE n.nominee_name END,
         nominee_organisation = CASE WHEN n.nominee_name ~* ('^\\s*' || $2 || '\\s*$') THEN NULL ELSE n.nominee_organisation END,
         statement = regexp_replace(regexp_replace(n.statement, $2, 'Erased delegate', 'gi'), $3, '[email removed]', 'gi')
    FROM awards a
   WHERE a.id = n.award_id AND a.event_id = $1
     AND (n.nominee_name ~* ('^\\s*' || $2 || '\\s*$') OR n.statement ~* $2 OR n.statement ~* $3)`;

/** The awards module's hand-written SQL: the ballot path and the counts behind results and the audit. */
@Injectable()
export class AwardsRepository {
  private readonly ballots = new CallBatcher((ballots: BallotRow[]) => this.castBallots(ballots), BALLOT_BATCHING);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async votingView(awardId: string): Promise<VotingView | undefined> {
    const rows = await this.db.query<VotingRow[]>(
      `SELECT a.id, a.event_id, e.status AS event_status, a.method, a.voting_opens_at, a.voting_closes_at,
              a.ballots_released_at, a.only_checked_in, a.exclude_own_organisation, a.one_vote_per_agency,
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
      ballotsReleasedAt: row.ballots_released_at,
      onlyCheckedIn: row.only_checked_in,
      excludeOwnOrganisation: row.exclude_own_organisation,
      oneVotePerAgency: row.one_vote_per_agency,
      nominees: row.nominees,
    };
  }

  /**
   * The receipt and the sealed ballot in one statement (see CAST_BALLOTS_SQL): the ballot is only
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

  /** Delegates who may vote in the award (VOTER_RULES, as the ballot statement applies them). */
  async countEligible(awardId: string): Promise<number> {
    // One ballot per agency: the agencies with an eligible delegate are the electorate.
    const rows = await this.db.query<Array<{ n: number }>>(
      `SELECT CASE WHEN bool_or(a.one_vote_per_agency) THEN count(DISTINCT r.agency_id) ELSE count(*) END::int AS n
         FROM awards a JOIN registrations r ON r.event_id = a.event_id
        WHERE a.id = $1 AND ${ELIGIBLE_VOTER_SQL}`,
      [awardId],
    );
    return rows[0]?.n ?? 0;
  }

  /**
   * Both counts read in one snapshot, so a ballot committing in between cannot make them differ.
   * Ballots still sealed count too: how many there are is no secret, only what they say.
   */
  async receiptAndBallotCounts(awardId: string): Promise<{ receipts: number; ballots: number }> {
    const rows = await this.db.query<Array<{ receipts: number; ballots: number }>>(
      `SELECT (SELECT count(*)::int FROM ballot_receipts WHERE award_id = $1) AS receipts,
              (SELECT count(*)::int FROM ballots WHERE award_id = $1)
                + (SELECT count(*)::int FROM sealed_ballots WHERE award_id = $1) AS ballots`,
      [awardId],
    );
    return rows[0] ?? { receipts: 0, ballots: 0 };
  }

  /**
   * Counts in the sealed pool of an award whose voting closed by `at`, in one transaction: the
   * award is marked released (so it takes no more ballots), `open` turns the sealed ballots into
   * choices in the order they are to be stored, they join the counting table together (one
   * transaction id, written in that order) and the pool is emptied. The table lock waits for
   * ballot statements under way and holds new ones back until the commit, when they see the
   * award released. Answers how many ballots joined, or undefined when the award was not due
   * (still open, or released already).
   */
  releaseBallots(awardId: string, at: Date, open: (sealed: string[]) => string[][]): Promise<number | undefined> {
    return this.db.transaction(async (manager) => {
      await manager.query('LOCK TABLE sealed_ballots IN SHARE ROW EXCLUSIVE MODE');
      const [marked] = await manager.query<[Array<{ voting_opens_at: Date; voting_closes_at: Date }>, number]>(
        `UPDATE awards SET ballots_released_at = $2
          WHERE id = $1 AND ballots_released_at IS NULL AND voting_closes_at <= $2
          RETURNING voting_opens_at, voting_closes_at`,
        [awardId, at],
      );
      const window = marked[0];
      if (!window) return undefined;
      const sealed = await manager.query<Array<{ sealed: string }>>(
        `SELECT sealed FROM sealed_ballots WHERE award_id = $1`,
        [awardId],
      );
      const choices = open(sealed.map((row) => row.sealed));
      await manager.query(
        `INSERT INTO ballots (award_id, choices)
         SELECT $1, c.choices::uuid[] FROM unnest($2::text[]) WITH ORDINALITY AS c(choices, n) ORDER BY c.n`,
        [awardId, choices.map((ids) => `{${ids.join(',')}}`)],
      );
      await manager.query(`DELETE FROM sealed_ballots WHERE award_id = $1`, [awardId]);
      await this.recordWindowChange(manager, {
        awardId,
        kind: 'closed',
        votingOpensAt: window.voting_opens_at,
        votingClosesAt: window.voting_closes_at,
      });
      return choices.length;
    });
  }

  /** Awards whose voting closed by `at` and whose sealed ballots wait to be counted in. */
  async awardsDueForRelease(at: Date): Promise<string[]> {
    const rows = await this.db.query<Array<{ id: string }>>(
      `SELECT id FROM awards WHERE ballots_released_at IS NULL AND voting_closes_at <= $1 ORDER BY voting_closes_at`,
      [at],
    );
    return rows.map((row) => row.id);
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The award's window as it stands, locked until the transaction ends (a change and the close queue here). */
  async lockWindow(
    manager: EntityManager,
    awardId: string,
  ): Promise<{ votingOpensAt: Date; votingClosesAt: Date; ballotsReleasedAt: Date | null } | undefined> {
    const rows = await manager.query<
      Array<{ voting_opens_at: Date; voting_closes_at: Date; ballots_released_at: Date | null }>
    >(`SELECT voting_opens_at, voting_closes_at, ballots_released_at FROM awards WHERE id = $1 FOR UPDATE`, [awardId]);
    const row = rows[0];
    return (
      row && {
        votingOpensAt: row.voting_opens_at,
        votingClosesAt: row.voting_closes_at,
        ballotsReleasedAt: row.ballots_released_at,
      }
    );
  }

  async recordWindowChange(manager: EntityManager, change: NewWindowChange): Promise<void> {
    await manager.query(
      `INSERT INTO award_window_changes
         (award_id, kind, voting_opens_at, voting_closes_at, previous_opens_at, previous_closes_at, changed_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        change.awardId,
        change.kind,
        change.votingOpensAt,
        change.votingClosesAt,
        change.previousOpensAt ?? null,
        change.previousClosesAt ?? null,
        change.changedById ?? null,
      ],
    );
  }

  /** The award's voting-window trail, oldest first, with the name of whoever made each change. */
  async windowTrail(awardId: string): Promise<WindowChange[]> {
    const rows = await this.db.query<
      Array<{
        kind: WindowChangeKind;
        voting_opens_at: Date;
        voting_closes_at: Date;
        previous_opens_at: Date | null;
        previous_closes_at: Date | null;
        changed_by: string | null;
        changed_at: Date;
      }>
    >(
      `SELECT w.kind, w.voting_opens_at, w.voting_closes_at, w.previous_opens_at, w.previous_closes_at,
              u.name AS changed_by, w.changed_at
         FROM award_window_changes w LEFT JOIN users u ON u.id = w.changed_by_id
        WHERE w.award_id = $1 ORDER BY w.changed_at, w.id`,
      [awardId],
    );
    return rows.map((row) => ({
      kind: row.kind,
      votingOpensAt: row.voting_opens_at,
      votingClosesAt: row.voting_closes_at,
      previousOpensAt: row.previous_opens_at,
      previousClosesAt: row.previous_closes_at,
      changedBy: row.changed_by,
      changedAt: row.changed_at,
    }));
  }

  /** The choices of the ballots counted in (none before the close). */
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

  /** An event's awards with their windows and whether this delegate voted, in one query (the personal page's list). */
  /** The event's awards for a delegate's page; `voted` also when their agency's ballot is cast (one ballot per agency). */
  async awardsForDelegate(eventId: string, registrationId: string, agencyId: string | null): Promise<DelegateAward[]> {
    const rows = await this.db.query<
      Array<{
        id: string;
        title: string;
        nominations_open_at: Date | null;
        nominations_close_at: Date | null;
        voting_opens_at: Date;
        voting_closes_at: Date;
        results_published_at: Date | null;
        voted: boolean;
      }>
    >(
      `SELECT a.id, a.title, a.nominations_open_at, a.nominations_close_at, a.voting_opens_at, a.voting_closes_at,
              a.results_published_at,
              EXISTS (SELECT 1 FROM ballot_receipts r
                       WHERE r.award_id = a.id AND (r.registration_id = $2 OR (a.one_vote_per_agency AND r.agency_id = $3))) AS voted
         FROM awards a
        WHERE a.event_id = $1
        ORDER BY a.created_at, a.id`,
      [eventId, registrationId, agencyId],
    );
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      nominationsOpenAt: row.nominations_open_at,
      nominationsCloseAt: row.nominations_close_at,
      votingOpensAt: row.voting_opens_at,
      votingClosesAt: row.voting_closes_at,
      resultsPublishedAt: row.results_published_at,
      voted: row.voted,
    }));
  }

  /** Whether a colleague of the agency has cast its ballot in an award that takes one per agency. */
  async agencyHasVoted(awardId: string, agencyId: string | null): Promise<boolean> {
    if (!agencyId) return false;
    const rows = await this.db.query<unknown[]>(
      `SELECT 1 FROM ballot_receipts WHERE award_id = $1 AND agency_id = $2`,
      [awardId, agencyId],
    );
    return rows.length > 0;
  }

  /** The receipt codes a delegate holds, by award (their own page says "you have voted" with it). */
  async receiptsOf(registrationId: string, awardIds: string[]): Promise<Map<string, string>> {
    if (awardIds.length === 0) return new Map();
    const rows = await this.db.query<Array<{ award_id: string; receipt_code: string }>>(
      `SELECT award_id, receipt_code FROM ballot_receipts WHERE registration_id = $1 AND award_id = ANY($2::uuid[])`,
      [registrationId, awardIds],
    );
    return new Map(rows.map((row) => [row.award_id, row.receipt_code]));
  }

  /**
   * A delegate's erasure in this event's nominations: nominations naming them lose the name and
   * organisation, and every statement loses their name and email (`$2`, `$3` as regular
   * expressions matched without case).
   */
  async eraseFromNominations(manager: EntityManager, eventId: string, name: string, email: string): Promise<void> {
    await manager.query(ERASE_FROM_NOMINATIONS_SQL, [
      eventId,
      literalPattern(name.trim()),
      literalPattern(email.trim()),
    ]);
  }
}

/** A regular expression matching `text` literally. */
const literalPattern = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
