import { CPD_MINUTES } from '../evidence/attendance.sql.js';

/**
 * The published events a report covers: one event ($3), or those starting in [$1, $2) (a
 * calendar year in the network's time zone).
 */
export const REPORT_EVENTS_SQL = `
  SELECT id, slug, title, starts_at AS "startsAt", ends_at AS "endsAt", timezone FROM events
  WHERE status = 'published'
    AND CASE WHEN $3::uuid IS NULL THEN starts_at >= $1 AND starts_at < $2 ELSE id = $3 END
  ORDER BY starts_at, title, id`;

/**
 * Each registration of those events ($1) that names an agency (one agency: $2, or every one:
 * null), with what it attended. `attended` are the non-break sessions a confirmed delegate was
 * checked in at, with their CPD minutes (as the certificate counts them); a delegate attended
 * the event when checked in at its door or at such a session (as the feedback's attendees are);
 * `forms` are the feedback forms they answered (receipts only: an answer names nobody).
 */
const PEOPLE_CTE = `
  people AS (
    SELECT r.id, r.event_id, r.agency_id, r.name, r.status, r.checked_in_at
    FROM registrations r
    WHERE r.event_id = ANY ($1::uuid[]) AND r.agency_id IS NOT NULL AND r.erased_at IS NULL
      AND ($2::uuid IS NULL OR r.agency_id = $2)
  ), attended AS (
    SELECT p.id AS registration_id, s.id AS session_id, ${CPD_MINUTES} AS minutes
    FROM people p
    JOIN session_check_ins sc ON sc.registration_id = p.id
    JOIN sessions s ON s.id = sc.session_id AND s.status = 'scheduled' AND s.removed_at IS NULL AND s.kind <> 'break'
    LEFT JOIN session_cpd c ON c.session_id = s.id
    WHERE p.status = 'confirmed'
  ), person AS (
    SELECT p.id, p.event_id, p.agency_id, p.name, p.status,
      (p.status = 'confirmed' AND (p.checked_in_at IS NOT NULL
        OR EXISTS (SELECT 1 FROM attended a WHERE a.registration_id = p.id))) AS attended,
      (SELECT count(*) FROM attended a WHERE a.registration_id = p.id)::int AS sessions,
      COALESCE((SELECT sum(a.minutes) FROM attended a WHERE a.registration_id = p.id), 0)::int AS cpd_minutes,
      (SELECT count(*) FROM feedback_receipts fr
        WHERE fr.registration_id = p.id AND fr.round = 'immediate')::int AS forms
    FROM people p
  )`;

/**
 * Per agency and event: the places allocated to it (event_agency_places: held for it, or "up
 * to"), places used, waiting, cancelled, attended, CPD minutes, feedback forms answered. An
 * agency with places but nobody registered has a row too.
 */
export const AGENCY_EVENT_FIGURES_SQL = `
  WITH ${PEOPLE_CTE}, used AS (
    SELECT agency_id, event_id,
      count(*) FILTER (WHERE status = 'confirmed')::int AS registered,
      count(*) FILTER (WHERE status = 'waitlisted')::int AS waiting,
      count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
      count(*) FILTER (WHERE attended)::int AS attended,
      COALESCE(sum(cpd_minutes), 0)::int AS cpd_minutes,
      COALESCE(sum(forms), 0)::int AS forms
    FROM person GROUP BY agency_id, event_id
  ), allocated AS (
    SELECT agency_id, event_id, places, reserved FROM event_agency_places
    WHERE event_id = ANY ($1::uuid[]) AND ($2::uuid IS NULL OR agency_id = $2)
  )
  SELECT coalesce(u.agency_id, a.agency_id) AS "agencyId", coalesce(u.event_id, a.event_id) AS "eventId",
    a.places AS "allocatedPlaces", a.reserved AS "allocationReserved",
    coalesce(u.registered, 0) AS registered, coalesce(u.waiting, 0) AS waiting,
    coalesce(u.cancelled, 0) AS cancelled, coalesce(u.attended, 0) AS attended,
    coalesce(u.cpd_minutes, 0) AS "cpdMinutes", coalesce(u.forms, 0) AS forms
  FROM used u FULL JOIN allocated a ON a.agency_id = u.agency_id AND a.event_id = u.event_id`;

/** One agency's people ($2) in the events ($1), by name within each place. */
export const AGENCY_PEOPLE_SQL = `
  WITH ${PEOPLE_CTE}
  SELECT event_id AS "eventId", name, status, attended, sessions, cpd_minutes AS "cpdMinutes"
  FROM person
  ORDER BY event_id, CASE status WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END, name, id`;

/** The sessions one agency's people ($2) attended in the events ($1), and how many of them did. */
export const AGENCY_SESSIONS_SQL = `
  WITH ${PEOPLE_CTE}
  SELECT s.event_id AS "eventId", s.id, s.title, count(*)::int AS people
  FROM attended a JOIN sessions s ON s.id = a.session_id
  GROUP BY s.event_id, s.id, s.title, s.starts_at
  ORDER BY s.starts_at, s.title, s.id`;

/** The canvases of these sessions ($1), with how many notes their write-up shows. */
export const SESSION_CANVASES_SQL = `
  SELECT c.id, c.event_id AS "eventId", c.session_id AS "sessionId", c.title,
    (SELECT count(*) FROM canvas_notes n WHERE n.canvas_id = c.id AND NOT n.hidden)::int AS notes
  FROM canvases c
  WHERE c.session_id = ANY ($1::uuid[])
  ORDER BY c.created_at, c.id`;
