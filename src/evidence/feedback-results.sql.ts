/**
 * Answers grouped for results: the event's own form ('event'), each session's
 * ('session:<id>') and each speaker's sessions together ('speaker:<id>'). $1 event, $2 round.
 */
const GROUPED = `
  grouped AS (
    SELECT CASE WHEN a.session_id IS NULL THEN 'event' ELSE 'session:' || a.session_id END AS key, a.ratings, a.practice
    FROM feedback_answers a WHERE a.event_id = $1 AND a.round = $2
    UNION ALL
    SELECT 'speaker:' || ss.speaker_id, a.ratings, a.practice
    FROM feedback_answers a JOIN session_speakers ss ON ss.session_id = a.session_id
    WHERE a.event_id = $1 AND a.round = $2
  ), shown AS (
    SELECT key, count(*) AS n FROM grouped GROUP BY key HAVING count(*) >= $3
  )`;

/** Every group's number of answers, shown or not (the service says "fewer than 5" for those below). */
export const GROUP_COUNTS_SQL = `
  WITH ${GROUPED}
  SELECT key, count(*)::int AS n FROM grouped GROUP BY key`;

/** How many gave each rating to each question, for the groups with enough answers only; $3 the minimum. */
export const GROUP_RATINGS_SQL = `
  WITH ${GROUPED}
  SELECT g.key, r.key AS "questionId", r.value::int AS rating, count(*)::int AS n
  FROM grouped g JOIN shown USING (key), jsonb_each_text(g.ratings) r
  GROUP BY g.key, r.key, r.value`;

/** The free text, for the groups with enough answers only, in an order that says nothing about who wrote it. */
export const GROUP_COMMENTS_SQL = `
  WITH ${GROUPED}
  SELECT g.key, g.practice AS text FROM grouped g JOIN shown USING (key)
  WHERE g.practice IS NOT NULL
  ORDER BY g.key, g.practice`;
