/**
 * The whole ballot in one statement (so one transaction and one round trip): the voter is
 * found by their personal-link token's hash and must be a confirmed, unerased delegate of the
 * award's event (checked in, if the award asks for it); the award's voting window must be open
 * at $5 and its event not cancelled; then the receipt, and the ballot only if the receipt was
 * written. Kept apart (plain text, no decorators) so bench/vote-storm.ts can issue exactly
 * the same SQL through pg.
 * $1 award id, $2 token hash, $3 receipt code, $4 nominee ids (first preference first),
 * $5 the time of the ballot.
 */
export const CAST_BALLOT_SQL = `
  WITH open_award AS (
    SELECT a.id, a.event_id, a.only_checked_in FROM awards a JOIN events e ON e.id = a.event_id
     WHERE a.id = $1 AND e.status <> 'cancelled' AND a.voting_opens_at <= $5 AND $5 < a.voting_closes_at
  ), voter AS (
    SELECT r.id FROM registrations r JOIN open_award a ON a.event_id = r.event_id
     WHERE r.token_hash = $2 AND r.status = 'confirmed' AND r.erased_at IS NULL
       AND (NOT a.only_checked_in OR r.checked_in_at IS NOT NULL)
  ), receipt AS (
    INSERT INTO ballot_receipts (award_id, registration_id, receipt_code)
    SELECT a.id, v.id, $3 FROM open_award a, voter v
    ON CONFLICT DO NOTHING
    RETURNING award_id
  )
  INSERT INTO ballots (award_id, choices) SELECT award_id, $4::uuid[] FROM receipt
  RETURNING true AS cast`;
