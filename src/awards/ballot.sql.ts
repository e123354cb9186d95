/**
 * The receipt and the ballot in one statement (so one transaction), written only while the
 * award's voting window is open at $5 and its event is not cancelled. Kept apart (plain
 * text, no decorators) so bench/vote-storm.ts can issue exactly the same SQL through pg.
 * $1 award id, $2 registration id, $3 receipt code, $4 nominee ids (first preference
 * first), $5 the time of the ballot.
 */
export const CAST_BALLOT_SQL = `
  WITH open_award AS (
    SELECT a.id FROM awards a JOIN events e ON e.id = a.event_id
     WHERE a.id = $1 AND e.status <> 'cancelled' AND a.voting_opens_at <= $5 AND $5 < a.voting_closes_at
  ), receipt AS (
    INSERT INTO ballot_receipts (award_id, registration_id, receipt_code)
    SELECT id, $2, $3 FROM open_award
    ON CONFLICT DO NOTHING
    RETURNING award_id
  )
  INSERT INTO ballots (award_id, choices) SELECT award_id, $4::uuid[] FROM receipt
  RETURNING true AS cast`;
