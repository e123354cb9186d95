/**
 * The SQL of the registration hot path, shared by DelegatesRepository and the
 * benchmark's "ceiling" run (bench/registration-rush.ts issues exactly these statements
 * through plain `pg`), so the two measure the same transactions.
 *
 * Every capacity decision runs after the row lock in a statement of its own: in READ
 * COMMITTED each statement takes a new snapshot, so the counts include everything
 * committed by whoever held the lock before. (Taking the lock and counting in one
 * statement would count from a snapshot older than the lock, and oversell.)
 */

/**
 * $1 event id. Serialises every change to the event's seats until COMMIT. NO KEY UPDATE: the
 * rows that only refer to the event (an outbox row written while a workshop is locked) take
 * a key-share lock on it, and must not wait for the seat lock, or a workshop sign-up and a
 * cancellation that frees that workshop's place would wait for each other. `agency_places`
 * says whether the event's places per agency apply, so the seat statements that need the
 * pools (the *_WITH_AGENCY_PLACES_SQL forms) are used only then.
 */
export const LOCK_EVENT_SQL = `
  SELECT id, status, capacity, per_organisation_cap, registration_opens_at, registration_closes_at, ends_at,
         agency_places_released_at IS NULL
           AND EXISTS (SELECT 1 FROM event_agency_places p WHERE p.event_id = events.id) AS agency_places
  FROM events WHERE id = $1 FOR NO KEY UPDATE`;

/**
 * The event's agency places while they apply (until their release): each allocation with how
 * many of the agency's delegates hold a seat, and the open pool — the seats nobody reserved and
 * how many of them are taken (every confirmed seat but those within a reservation). `applies`
 * is false for an event without allocations, or once they were released. A CTE fragment for
 * the statements below; $1 is the event. The agency is the registration's (organisation_party
 * is its id), so the counts use the confirmed-per-party index.
 */
const AGENCY_POOLS = `
  allocations AS (
    SELECT p.agency_id, p.places, p.reserved,
           (SELECT count(*) FROM registrations c
            WHERE c.event_id = $1 AND c.status = 'confirmed' AND c.organisation_party = p.agency_id::text) AS held
    FROM event_agency_places p JOIN events pe ON pe.id = p.event_id
    WHERE p.event_id = $1 AND pe.agency_places_released_at IS NULL
  ), open_pool AS (
    SELECT count(a.agency_id) > 0 AS applies,
           oe.capacity - coalesce(sum(a.places) FILTER (WHERE a.reserved), 0) AS seats,
           oe.confirmed_count - coalesce(sum(least(a.held, a.places)) FILTER (WHERE a.reserved), 0) AS taken
    FROM events oe LEFT JOIN allocations a ON true
    WHERE oe.id = $1 GROUP BY oe.capacity, oe.confirmed_count
  )`;

/**
 * Confirms within the event's capacity and the per-organisation cap, otherwise queues
 * with a reason, and returns the place in the queue. Nobody overtakes the queue: while
 * anyone waits for want of a seat, newcomers queue behind them even if seats are free
 * (seats free up with a waiting list only when an organiser raised the capacity; then
 * seats_free_behind_queue tells the service to promote from the queue in this same
 * transaction).
 *
 * The seats are counted in the event's row (confirmed_count, waiting_count), so the decision
 * costs the same for the first delegate and the ten-thousandth: the seat claim is the
 * conditional increment in `counted` (backed by the check constraint on the counters), and a
 * place in the queue is the waiting counter after its increment. The row is already locked
 * (LOCK_EVENT_SQL), so this statement's snapshot sees every earlier claim.
 *
 * Agency places (AGENCY_POOLS), while they apply: a delegate of an agency with reserved places
 * takes one of those or waits for one ('agency_places'), behind the agency's own queue; one of
 * an agency with "up to" places waits once the agency holds that many, and otherwise, like
 * everyone else, takes an open seat or waits for one ('event_full').
 *
 * One registration per mailbox (email_canonical). Someone who cancelled may register again
 * from that mailbox: their cancelled row is reused (new token, new place, the address as now
 * typed). A live registration for that mailbox returns no row and counts nothing.
 *
 * $1 event, $2 name, $3 email as typed, $4 token hash, $5 organisation, $6 job title, $7 access
 * needs, $8 dietary needs, $9 consented at, $10 the token sealed (for links in later mail),
 * $11 the canonical email, $12 the organisation's key (organisationKey), $13 the agency. Who counts
 * together for the per-organisation cap is organisation_party: the agency, else the key.
 */
const insertRegistrationSql = (pool: { ctes: string; reason: string; from: string }) => `
  WITH ev AS (
    SELECT e.capacity, e.per_organisation_cap, e.confirmed_count,
           e.waiting_count > 0 AND EXISTS (
             SELECT 1 FROM registrations
             WHERE event_id = $1 AND status = 'waitlisted' AND waitlist_reason = 'event_full') AS queue,
           EXISTS (SELECT 1 FROM registrations
                   WHERE event_id = $1 AND email_canonical = $11 AND status <> 'cancelled') AS taken
    FROM events e WHERE e.id = $1
  )${pool.ctes}, decision AS (
    SELECT coalesce(${pool.reason}, CASE
      WHEN ev.per_organisation_cap IS NOT NULL AND coalesce($13::text, $12::text) IS NOT NULL AND (
          SELECT count(*) FROM registrations
          WHERE event_id = $1 AND status = 'confirmed' AND organisation_party = coalesce($13::text, $12::text)
        ) >= ev.per_organisation_cap
        THEN 'organisation_cap'
    END) AS reason,
    ev.queue AND ev.confirmed_count < ev.capacity AS seats_free_behind_queue,
    ev.taken
    FROM ${pool.from}
  ), counted AS (
    UPDATE events e SET
      confirmed_count = e.confirmed_count + CASE WHEN d.reason IS NULL THEN 1 ELSE 0 END,
      waiting_count = e.waiting_count + CASE WHEN d.reason IS NULL THEN 0 ELSE 1 END
    FROM decision d
    WHERE e.id = $1 AND NOT d.taken AND (d.reason IS NOT NULL OR e.confirmed_count < e.capacity)
    RETURNING d.reason, CASE WHEN d.reason IS NULL THEN NULL ELSE e.waiting_count END AS waitlist_position
  ), inserted AS (
    INSERT INTO registrations (event_id, name, email, token_hash, organisation, job_title, access_needs,
                               dietary_needs, consented_at, token_sealed, email_canonical, status, waitlist_seq,
                               waitlist_reason, organisation_key, agency_id)
    SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
           CASE WHEN reason IS NULL THEN 'confirmed' ELSE 'waitlisted' END,
           CASE WHEN reason IS NULL THEN NULL ELSE nextval('registrations_waitlist_seq') END,
           reason, $12, $13::uuid
    FROM counted
    ON CONFLICT ON CONSTRAINT uq_registrations_event_email DO UPDATE SET
      name = EXCLUDED.name, email = EXCLUDED.email, token_hash = EXCLUDED.token_hash, organisation = EXCLUDED.organisation,
      job_title = EXCLUDED.job_title, access_needs = EXCLUDED.access_needs, dietary_needs = EXCLUDED.dietary_needs,
      consented_at = EXCLUDED.consented_at, token_sealed = EXCLUDED.token_sealed, status = EXCLUDED.status,
      waitlist_seq = EXCLUDED.waitlist_seq, waitlist_reason = EXCLUDED.waitlist_reason, cancelled_at = NULL,
      organisation_key = EXCLUDED.organisation_key, agency_id = EXCLUDED.agency_id,
      checked_in_at = NULL, checked_in_by_id = NULL, link_used_at = NULL, updated_at = now()
    WHERE registrations.status = 'cancelled'
    RETURNING id, status, waitlist_reason
  )
  SELECT i.id, i.status, i.waitlist_reason, d.seats_free_behind_queue, c.waitlist_position
  FROM counted c CROSS JOIN decision d LEFT JOIN inserted i ON true`;

/** The seat or the queue, for an event without agency places: a seat while one is free and nobody waits for one. */
const OPEN_SEATS_POOL = {
  ctes: '',
  reason: `CASE WHEN ev.confirmed_count >= ev.capacity OR ev.queue THEN 'event_full' END`,
  from: 'ev',
};

/** The pool the newcomer's agency (or none) draws from, while the event's agency places apply. */
const AGENCY_PLACES_POOL_CTES = `,
  ${AGENCY_POOLS}, mine AS (
    SELECT a.reserved, a.held >= a.places AS at_limit,
           EXISTS (SELECT 1 FROM registrations
                   WHERE event_id = $1 AND status = 'waitlisted' AND waitlist_reason = 'agency_places'
                     AND agency_id = $13::uuid) AS queue
    FROM allocations a WHERE a.agency_id = $13::uuid
  ), pool AS (
    SELECT CASE
      WHEN m.reserved AND (m.at_limit OR m.queue) THEN 'agency_places'
      WHEN m.reserved THEN CASE WHEN ev.confirmed_count >= ev.capacity THEN 'event_full' END
      WHEN m.at_limit THEN 'agency_places'
      WHEN ev.confirmed_count >= ev.capacity OR ev.queue OR (o.applies AND o.taken >= o.seats) THEN 'event_full'
    END AS reason
    FROM ev CROSS JOIN open_pool o LEFT JOIN mine m ON true
  )`;
const AGENCY_PLACES_POOL = { ctes: AGENCY_PLACES_POOL_CTES, reason: 'p.reason', from: 'ev CROSS JOIN pool p' };

/**
 * The registration for an event without agency places (the hot path: the pools cost the
 * statement about a third of its speed), and for one with them (LOCK_EVENT_SQL says which).
 */
export const INSERT_REGISTRATION_SQL = insertRegistrationSql(OPEN_SEATS_POOL);
export const INSERT_REGISTRATION_WITH_AGENCY_PLACES_SQL = insertRegistrationSql(AGENCY_PLACES_POOL);

/** While agency places apply: a place left in the waiting delegate's agency's reservation, or else an open seat and their agency under its "up to". */
const AGENCY_PLACE_FREE = ` AND (
      NOT o.applies OR CASE
        WHEN a.reserved THEN a.held < a.places
        WHEN a.agency_id IS NOT NULL THEN a.held < a.places AND o.taken < o.seats
        ELSE o.taken < o.seats
      END)`;

/**
 * Gives the first on the event's waiting list who may take a free seat that seat: their
 * organisation under the event's cap and, while agency places apply, a place left in their
 * agency's reservation, or (anyone else) an open seat left and their agency under its "up to".
 * The claim is the counters' conditional update, the promotion happens only with it. Call with
 * the event row locked. $1 event.
 */
const promoteNextWaitingSql = (agencyPlaces: boolean) => `
  WITH ${agencyPlaces ? `${AGENCY_POOLS}, ` : ''}next AS (
    SELECT r.id FROM registrations r JOIN events e ON e.id = r.event_id
    ${agencyPlaces ? 'CROSS JOIN open_pool o LEFT JOIN allocations a ON a.agency_id = r.agency_id' : ''}
    WHERE r.event_id = $1 AND r.status = 'waitlisted' AND (
      e.per_organisation_cap IS NULL OR r.organisation_party IS NULL OR (
        SELECT count(*) FROM registrations c
        WHERE c.event_id = $1 AND c.status = 'confirmed' AND c.organisation_party = r.organisation_party
      ) < e.per_organisation_cap)${agencyPlaces ? AGENCY_PLACE_FREE : ''}
    ORDER BY r.waitlist_seq LIMIT 1
  ), claim AS (
    UPDATE events SET confirmed_count = confirmed_count + 1, waiting_count = waiting_count - 1
    WHERE id = $1 AND confirmed_count < capacity AND EXISTS (SELECT 1 FROM next)
    RETURNING id
  )
  UPDATE registrations SET status = 'confirmed', waitlist_seq = NULL, waitlist_reason = NULL, updated_at = now()
  WHERE id = (SELECT id FROM next) AND EXISTS (SELECT 1 FROM claim) AND status = 'waitlisted'
  RETURNING id, email, token_hash AS "tokenHash"`;

/** The promotion for an event without agency places, and for one with them (LOCK_EVENT_SQL says which). */
export const PROMOTE_NEXT_WAITING_SQL = promoteNextWaitingSql(false);
export const PROMOTE_NEXT_WAITING_WITH_AGENCY_PLACES_SQL = promoteNextWaitingSql(true);

/** Events whose agency places are due for release. $1 now. */
export const DUE_AGENCY_RELEASES_SQL = `
  SELECT id FROM events
  WHERE agency_places_release_at <= $1 AND agency_places_released_at IS NULL AND status = 'published'`;

/**
 * Releases the event's agency places (once): from now on every free seat is open to all, and
 * whoever waited for their agency's places waits for a seat like everyone else, in the order
 * they came. Call with the event row locked. $1 event, $2 now.
 */
export const RELEASE_AGENCY_PLACES_SQL = `
  WITH released AS (
    UPDATE events SET agency_places_released_at = $2
    WHERE id = $1 AND agency_places_release_at <= $2 AND agency_places_released_at IS NULL
    RETURNING id
  ), requeued AS (
    UPDATE registrations SET waitlist_reason = 'event_full', updated_at = now()
    WHERE event_id = (SELECT id FROM released) AND status = 'waitlisted' AND waitlist_reason = 'agency_places'
  )
  SELECT id FROM released`;

/**
 * Cancels a registration and gives its seat or its queue place back in the event's counters.
 * Call with the registration row locked. $1 registration, $2 cancelled at.
 */
export const CANCEL_REGISTRATION_SQL = `
  WITH before AS (
    SELECT id, event_id, status FROM registrations WHERE id = $1 AND status <> 'cancelled'
  ), cancelled AS (
    UPDATE registrations SET status = 'cancelled', waitlist_seq = NULL, waitlist_reason = NULL,
      cancelled_at = $2, updated_at = now()
    WHERE id = (SELECT id FROM before)
    RETURNING id
  )
  UPDATE events e SET
    confirmed_count = e.confirmed_count - CASE WHEN b.status = 'confirmed' THEN 1 ELSE 0 END,
    waiting_count = e.waiting_count - CASE WHEN b.status = 'waitlisted' THEN 1 ELSE 0 END
  FROM before b
  WHERE e.id = b.event_id AND EXISTS (SELECT 1 FROM cancelled)`;

/**
 * Recomputes an event's seat counters, and its workshops', from the rows: the repair for
 * counters that drifted (rows written around the repositories). Call with the event row
 * locked, so no registration moves while the rows are counted. $1 event.
 */
export const REPAIR_EVENT_COUNTERS_SQL = `
  UPDATE events e SET confirmed_count = c.confirmed, waiting_count = c.waiting,
    seats_held_over = greatest(c.confirmed - e.capacity, 0)
  FROM (SELECT count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed,
               count(*) FILTER (WHERE status = 'waitlisted')::int AS waiting
        FROM registrations WHERE event_id = $1) c
  WHERE e.id = $1 AND (e.confirmed_count, e.waiting_count) IS DISTINCT FROM (c.confirmed, c.waiting)
  RETURNING e.id`;

/** Locks the event's sessions (after the event, in id order) before their counters are recomputed. $1 event. */
export const LOCK_EVENT_SESSIONS_SQL = `SELECT id FROM sessions WHERE event_id = $1 ORDER BY id FOR NO KEY UPDATE`;

/** As REPAIR_EVENT_COUNTERS_SQL for the event's sessions; call with them locked (LOCK_EVENT_SESSIONS_SQL). $1 event. */
export const REPAIR_SESSION_COUNTERS_SQL = `
  UPDATE sessions s SET confirmed_count = c.confirmed, waiting_count = c.waiting,
    seats_held_over = greatest(c.confirmed - coalesce(s.capacity, c.confirmed), 0)
  FROM (SELECT s2.id, count(ss.id) FILTER (WHERE ss.status = 'confirmed')::int AS confirmed,
               count(ss.id) FILTER (WHERE ss.status = 'waitlisted')::int AS waiting
        FROM sessions s2 LEFT JOIN session_signups ss ON ss.session_id = s2.id
        WHERE s2.event_id = $1 GROUP BY s2.id) c
  WHERE s.id = c.id AND (s.confirmed_count, s.waiting_count) IS DISTINCT FROM (c.confirmed, c.waiting)
  RETURNING s.id`;

/** The outbox row written in the same transaction (what OutboxService.enqueue sends). */
export const INSERT_NOTIFICATION_SQL = `
  INSERT INTO notifications (kind, recipient, data, send_at, dedupe_key, event_id, registration_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT DO NOTHING RETURNING id`;

/**
 * A place in the workshop if its counters show one free, otherwise the end of its queue: the
 * place is the counters' conditional increment, the position in the queue the waiting counter
 * after its increment. Call with the workshop locked. $1 session, $2 registration.
 */
export const INSERT_SIGNUP_SQL = `
  WITH decision AS (
    SELECT CASE WHEN capacity IS NULL OR confirmed_count < capacity THEN 'confirmed' ELSE 'waitlisted' END AS status
    FROM sessions WHERE id = $1
  ), counted AS (
    UPDATE sessions s SET
      confirmed_count = s.confirmed_count + CASE WHEN d.status = 'confirmed' THEN 1 ELSE 0 END,
      waiting_count = s.waiting_count + CASE WHEN d.status = 'waitlisted' THEN 1 ELSE 0 END
    FROM decision d
    WHERE s.id = $1 AND (d.status = 'waitlisted' OR s.capacity IS NULL OR s.confirmed_count < s.capacity)
    RETURNING d.status, CASE WHEN d.status = 'waitlisted' THEN s.waiting_count END AS position
  ), inserted AS (
    INSERT INTO session_signups (session_id, registration_id, status, waitlist_seq)
    SELECT $1, $2, status, CASE WHEN status = 'waitlisted' THEN nextval('session_signups_waitlist_seq') END
    FROM counted
    RETURNING id, status
  )
  SELECT i.id, i.status, c.position FROM inserted i CROSS JOIN counted c`;

/** Removes a sign-up and gives its place or queue place back to the workshop's counters. $1 sign-up. */
export const DELETE_SIGNUP_SQL = `
  WITH gone AS (DELETE FROM session_signups WHERE id = $1 RETURNING session_id, status)
  UPDATE sessions s SET
    confirmed_count = s.confirmed_count - CASE WHEN g.status = 'confirmed' THEN 1 ELSE 0 END,
    waiting_count = s.waiting_count - CASE WHEN g.status = 'waitlisted' THEN 1 ELSE 0 END
  FROM gone g WHERE s.id = g.session_id`;

/**
 * The first in the workshop's queue gets a place if one is free (the counters' claim); a
 * SELECT over data-modifying CTEs, so plain rows come back. Call with the workshop locked. $1 session.
 */
export const PROMOTE_NEXT_SIGNUP_SQL = `
  WITH next AS (
    SELECT id FROM session_signups WHERE session_id = $1 AND status = 'waitlisted' ORDER BY waitlist_seq LIMIT 1
  ), claim AS (
    UPDATE sessions SET confirmed_count = confirmed_count + 1, waiting_count = waiting_count - 1
    WHERE id = $1 AND (capacity IS NULL OR confirmed_count < capacity) AND EXISTS (SELECT 1 FROM next)
    RETURNING id
  ), promoted AS (
    UPDATE session_signups SET status = 'confirmed', waitlist_seq = NULL
    WHERE id = (SELECT id FROM next) AND EXISTS (SELECT 1 FROM claim) AND status = 'waitlisted'
    RETURNING id, registration_id
  )
  SELECT p.id, p.registration_id AS "registrationId", r.email
  FROM promoted p JOIN registrations r ON r.id = p.registration_id`;
