/**
 * The receipt and the ballot in one statement. Kept apart (plain text, no decorators) so
 * bench/vote-storm.ts can issue exactly the same SQL straight through pg as its ceiling.
 * $1 award id, $2 registration id, $3 receipt code, $4 nominee ids (first preference first).
 */
export const CAST_BALLOT_SQL = `
  WITH receipt AS (
    INSERT INTO ballot_receipts (award_id, registration_id, receipt_code) VALUES ($1, $2, $3)
    ON CONFLICT DO NOTHING
    RETURNING award_id
  )
  INSERT INTO ballots (award_id, choices) SELECT award_id, $4::uuid[] FROM receipt
  RETURNING true AS cast`;
