/**
 * The once-per-delegate guard, as the award ballots have it: the receipt is inserted first and
 * the answer only where the receipt was new, in one statement (so one transaction). Two
 * submissions by one delegate at once both try the receipt's key; one waits for the other and
 * writes nothing. The answer gets neither the delegate nor a time.
 * $1 round, $2 subject (a session, or the event), $3 registration, $4 event, $5 session or
 * null, $6 ratings (jsonb), $7 the free text.
 */
export const SUBMIT_FEEDBACK_SQL = `
  WITH receipt AS (
    INSERT INTO feedback_receipts (round, subject_id, registration_id) VALUES ($1, $2, $3)
    ON CONFLICT DO NOTHING
    RETURNING round
  )
  INSERT INTO feedback_answers (event_id, session_id, round, ratings, practice)
  SELECT $4, $5, round, $6::jsonb, $7 FROM receipt
  RETURNING true AS saved`;

/**
 * The event's attendees, as CTEs: `attended` (each non-break session a registration of the
 * event was checked in at) and `attendees` (confirmed, not erased, checked in at the event's
 * door or any such session). $1 the event.
 */
export const EVENT_ATTENDEES_CTE = `
  attended AS (
    SELECT r.id AS registration_id, sc.session_id
    FROM registrations r JOIN session_check_ins sc ON sc.registration_id = r.id
    JOIN sessions s ON s.id = sc.session_id AND s.status = 'scheduled' AND s.removed_at IS NULL AND s.kind <> 'break'
    WHERE r.event_id = $1
  ), attendees AS (
    SELECT r.id, r.email FROM registrations r
    WHERE r.event_id = $1 AND r.status = 'confirmed' AND r.erased_at IS NULL
      AND (r.checked_in_at IS NOT NULL OR EXISTS (SELECT 1 FROM attended a WHERE a.registration_id = r.id))
  )`;

/**
 * The event's attendees who have a form still unanswered: the event's, or one of a session
 * they attended. $1 event, $2 round.
 */
export const UNANSWERED_ATTENDEES_SQL = `
  WITH ${EVENT_ATTENDEES_CTE}
  SELECT t.id, t.email FROM attendees t
  WHERE NOT EXISTS (SELECT 1 FROM feedback_receipts fr WHERE fr.round = $2 AND fr.subject_id = $1 AND fr.registration_id = t.id)
     OR EXISTS (SELECT 1 FROM attended a WHERE a.registration_id = t.id AND NOT EXISTS (
          SELECT 1 FROM feedback_receipts fr WHERE fr.round = $2 AND fr.subject_id = a.session_id AND fr.registration_id = t.id))
  ORDER BY t.id`;

/** Every attendee of the event. $1 event. */
export const EVENT_ATTENDEES_SQL = `
  WITH ${EVENT_ATTENDEES_CTE}
  SELECT t.id, t.email FROM attendees t ORDER BY t.id`;
