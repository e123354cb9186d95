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

/** $1 event id. Serialises every change to the event's seats until COMMIT. */
export const LOCK_EVENT_SQL = `
  SELECT id, status, capacity, per_organisation_cap, registration_opens_at, registration_closes_at, ends_at
  FROM events WHERE id = $1 FOR UPDATE`;

/**
 * Confirms within the event's capacity and the per-organisation cap, otherwise queues
 * with a reason, and returns the place in the queue. Nobody overtakes the queue: while
 * anyone waits for want of a seat, newcomers queue behind them even if seats are free
 * (seats free up with a waiting list only when an organiser raised the capacity; then
 * seats_free_behind_queue tells the service to promote from the queue in this same
 * transaction).
 *
 * One registration per mailbox (email_canonical). Someone who cancelled may register again
 * from that mailbox: their cancelled row is reused (new token, new place, the address as now
 * typed). A live registration for that mailbox returns no row.
 *
 * $1 event, $2 name, $3 email as typed, $4 token hash, $5 organisation, $6 job title, $7 access
 * needs, $8 dietary needs, $9 consented at, $10 the token sealed (for links in later mail),
 * $11 the canonical email, $12 the organisation's key (organisationKey), $13 the agency. Who counts
 * together for the per-organisation cap is organisation_party: the agency, else the key.
 */
export const INSERT_REGISTRATION_SQL = `
  WITH ev AS (
    SELECT e.capacity, e.per_organisation_cap,
           (SELECT count(*) FROM registrations WHERE event_id = $1 AND status = 'confirmed') AS confirmed,
           EXISTS (SELECT 1 FROM registrations
                   WHERE event_id = $1 AND status = 'waitlisted' AND waitlist_reason = 'event_full') AS queue
    FROM events e WHERE e.id = $1
  ), decision AS (
    SELECT CASE
      WHEN ev.confirmed >= ev.capacity OR ev.queue THEN 'event_full'
      WHEN ev.per_organisation_cap IS NOT NULL AND coalesce($13::text, $12::text) IS NOT NULL AND (
          SELECT count(*) FROM registrations
          WHERE event_id = $1 AND status = 'confirmed' AND organisation_party = coalesce($13::text, $12::text)
        ) >= ev.per_organisation_cap
        THEN 'organisation_cap'
    END AS reason,
    ev.queue AND ev.confirmed < ev.capacity AS seats_free_behind_queue
    FROM ev
  ), inserted AS (
    INSERT INTO registrations (event_id, name, email, token_hash, organisation, job_title, access_needs,
                               dietary_needs, consented_at, token_sealed, email_canonical, status, waitlist_seq,
                               waitlist_reason, organisation_key, agency_id)
    SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
           CASE WHEN reason IS NULL THEN 'confirmed' ELSE 'waitlisted' END,
           CASE WHEN reason IS NULL THEN NULL ELSE nextval('registrations_waitlist_seq') END,
           reason, $12, $13::uuid
    FROM decision
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
  SELECT i.id, i.status, i.waitlist_reason, (SELECT seats_free_behind_queue FROM decision),
         CASE WHEN i.status = 'waitlisted'
           THEN (SELECT count(*) FROM registrations WHERE event_id = $1 AND status = 'waitlisted') + 1
         END AS waitlist_position
  FROM inserted i`;

/** The outbox row written in the same transaction (what OutboxService.enqueue sends). */
export const INSERT_NOTIFICATION_SQL = `
  INSERT INTO notifications (kind, recipient, data, send_at, dedupe_key, event_id, registration_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT DO NOTHING RETURNING id`;
