/**
 * A session's CPD minutes, for a row of sessions `s` left-joined to session_cpd `c`: a break
 * counts nothing whatever is set; otherwise the organiser's figure, or the session's length.
 */
export const CPD_MINUTES = `CASE WHEN s.kind = 'break' THEN 0
  ELSE COALESCE(c.cpd_minutes, round(extract(epoch FROM s.ends_at - s.starts_at) / 60)::int) END`;

/** The sessions a registration attended (checked in at), in agenda order, with their CPD minutes. */
export const ATTENDED_SESSIONS_SQL = `
  SELECT s.id, s.title, s.kind, s.starts_at AS "startsAt", s.ends_at AS "endsAt", sc.checked_in_at AS "attendedAt",
         ${CPD_MINUTES} AS "cpdMinutes"
  FROM session_check_ins sc
  JOIN sessions s ON s.id = sc.session_id
  LEFT JOIN session_cpd c ON c.session_id = s.id
  WHERE sc.registration_id = $1 AND s.status = 'scheduled' AND s.removed_at IS NULL
  ORDER BY s.starts_at, s.title, s.id`;

/** The delegates a session's attendance list shows: a workshop's places, or every confirmed delegate. */
export const ATTENDANCE_LIST_SQL = `
  SELECT r.id, r.name, r.organisation, sc.checked_in_at AS "attendedAt"
  FROM sessions s
  JOIN registrations r ON r.event_id = s.event_id
  LEFT JOIN session_check_ins sc ON sc.session_id = s.id AND sc.registration_id = r.id
  WHERE s.event_id = $1 AND s.id = $2 AND r.status = 'confirmed' AND r.erased_at IS NULL
    AND (s.kind <> 'workshop' OR sc.registration_id IS NOT NULL OR EXISTS (
      SELECT 1 FROM session_signups ss WHERE ss.session_id = s.id AND ss.registration_id = r.id AND ss.status = 'confirmed'))
  ORDER BY r.name, r.id`;
