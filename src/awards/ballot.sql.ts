import { ELIGIBLE_VOTER_SQL } from './voter-eligibility.js';

/**
 * A ballot is written by one statement (so one transaction and one round trip). The voter is
 * found by their personal-link token's hash and must be a confirmed, unerased delegate of the
 * award's event (checked in, if the award asks for it: VOTER_RULES, whose refusals the ballot
 * service gives); the award's voting window must be open at the ballot's time, its ballots not
 * yet released and its event not cancelled; then the receipt, and the sealed ballot only where
 * the receipt was written. The choices travel only sealed (BallotSeal), so the statement, its parameters and the rows it writes say who voted
 * but never how: the sealed pool is opened at close (BallotRelease). Two forms with the same
 * rules: one ballot, and a batch of ballots that arrived together. Kept apart (plain text, no
 * decorators) so bench/vote-storm.ts can issue exactly the same SQL through pg.
 */

/**
 * The award `a` takes ballots at `at`: its window is open, its ballots not released and its
 * event not cancelled (`e`). A release locks sealed_ballots before it marks the award, and a
 * ballot statement takes its own lock on that table before its snapshot, so a ballot either
 * lands in the pool before the release reads it or sees the award released.
 */
const votingOpenAt = (at: string) =>
  `e.status <> 'cancelled' AND a.ballots_released_at IS NULL AND a.voting_opens_at <= ${at} AND ${at} < a.voting_closes_at`;

/**
 * The agency a receipt is for, in an award that takes one ballot per agency (else none): its
 * unique index lets one receipt, so one sealed ballot, in per agency, and ON CONFLICT DO NOTHING
 * turns a colleague's later ballot into a no-op as it does a second ballot of the same delegate.
 */
const AGENCY_BALLOT = 'CASE WHEN a.one_vote_per_agency THEN r.agency_id END';

/**
 * One ballot; answers one row when it was cast. $1 award id, $2 token hash, $3 receipt code,
 * $4 the sealed ballot, $5 the time of the ballot.
 */
export const CAST_BALLOT_SQL = `
  WITH open_award AS (
    SELECT a.id, a.event_id, a.only_checked_in, a.one_vote_per_agency FROM awards a JOIN events e ON e.id = a.event_id
     WHERE a.id = $1 AND ${votingOpenAt('$5')}
  ), voter AS (
    SELECT r.id, ${AGENCY_BALLOT} AS agency_id FROM registrations r JOIN open_award a ON a.event_id = r.event_id
     WHERE r.token_hash = $2 AND ${ELIGIBLE_VOTER_SQL}
  ), receipt AS (
    INSERT INTO ballot_receipts (award_id, registration_id, receipt_code, agency_id)
    SELECT a.id, v.id, $3, v.agency_id FROM open_award a, voter v
    ON CONFLICT DO NOTHING
    RETURNING award_id
  )
  INSERT INTO sealed_ballots (award_id, sealed) SELECT award_id, $4 FROM receipt
  RETURNING true AS cast`;

/**
 * A batch of ballots; answers the ordinal (1-based) of every ballot that was cast.
 * Parameters, one array element per ballot: $1 award ids, $2 token hashes, $3 receipt codes,
 * $4 sealed ballots, $5 the times of the ballots.
 *
 * Receipts are written in key order, so two batches that share a voter (one delegate
 * sending twice at once) wait for each other rather than deadlock.
 */
export const CAST_BALLOTS_SQL = `
  WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
      WITH ORDINALITY AS i(award_id, token_hash, receipt_code, sealed, cast_at, n)
  ), voter AS (
    SELECT i.n, i.award_id, r.id AS registration_id, i.receipt_code, i.sealed, ${AGENCY_BALLOT} AS agency_id
      FROM input i
      JOIN awards a ON a.id = i.award_id
      JOIN events e ON e.id = a.event_id
      JOIN registrations r ON r.token_hash = i.token_hash AND r.event_id = a.event_id
     WHERE ${votingOpenAt('i.cast_at')} AND ${ELIGIBLE_VOTER_SQL}
     ORDER BY i.award_id, r.id
  ), receipt AS (
    INSERT INTO ballot_receipts (award_id, registration_id, receipt_code, agency_id)
    SELECT award_id, registration_id, receipt_code, agency_id FROM voter
    ON CONFLICT DO NOTHING
    RETURNING award_id, receipt_code
  ), ballot AS (
    INSERT INTO sealed_ballots (award_id, sealed)
    SELECT v.award_id, v.sealed FROM receipt JOIN voter v USING (award_id, receipt_code)
  )
  SELECT v.n::int AS n FROM receipt JOIN voter v USING (award_id, receipt_code)`;

/** One ballot as the statements take it. */
export interface BallotRow {
  awardId: string;
  tokenHash: string;
  receiptCode: string;
  /** The choices as BallotSeal sealed them. */
  sealed: string;
  castAt: Date;
}

/** CAST_BALLOTS_SQL's parameters for these ballots. */
export const castBallotsParameters = (ballots: BallotRow[]): unknown[] => [
  ballots.map((b) => b.awardId),
  ballots.map((b) => b.tokenHash),
  ballots.map((b) => b.receiptCode),
  ballots.map((b) => b.sealed),
  ballots.map((b) => b.castAt),
];

/** CAST_BALLOT_SQL's parameters for this ballot. */
export const castBallotParameters = (ballot: BallotRow): unknown[] => [
  ballot.awardId,
  ballot.tokenHash,
  ballot.receiptCode,
  ballot.sealed,
  ballot.castAt,
];
