import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Staff, events and their members, the agenda, registrations and the mail outbox. */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CONSTRAINT uq_users_email UNIQUE CHECK (email = lower(email)),
        name text NOT NULL,
        password_hash text NOT NULL,
        is_admin boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL CONSTRAINT uq_events_slug UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        venue text NOT NULL DEFAULT '',
        timezone text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        capacity integer NOT NULL CHECK (capacity >= 0),
        per_organisation_cap integer CHECK (per_organisation_cap > 0),
        registration_opens_at timestamptz,
        registration_closes_at timestamptz,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'cancelled')),
        published_at timestamptz,
        agenda_version integer NOT NULL DEFAULT 0,
        created_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_events_dates CHECK (starts_at < ends_at),
        CONSTRAINT ck_events_registration_window CHECK (
          registration_opens_at IS NULL OR registration_closes_at IS NULL OR registration_opens_at < registration_closes_at)
      )`);
    await db.query(`
      CREATE TABLE event_members (
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('organiser', 'facilitator')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, user_id)
      )`);
    await db.query(`CREATE INDEX ix_event_members_user ON event_members (user_id)`);
    await db.query(`
      CREATE TABLE speakers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        name text NOT NULL,
        bio text,
        organisation text,
        job_title text,
        email text,
        photo_url text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX ix_speakers_event ON speakers (event_id)`);
    await db.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        title text NOT NULL,
        abstract text,
        kind text NOT NULL CHECK (kind IN ('keynote', 'talk', 'panel', 'workshop', 'break', 'other')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        room text,
        track text,
        capacity integer CHECK (capacity >= 0),
        status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
        sequence integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_sessions_dates CHECK (starts_at < ends_at)
      )`);
    await db.query(`CREATE INDEX ix_sessions_event_start ON sessions (event_id, starts_at)`);
    await db.query(`
      CREATE TABLE session_speakers (
        session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        speaker_id uuid NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
        PRIMARY KEY (session_id, speaker_id)
      )`);
    await db.query(`CREATE INDEX ix_session_speakers_speaker ON session_speakers (speaker_id)`);
    await db.query(`
      CREATE TABLE registrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        name text NOT NULL,
        email text NOT NULL,
        organisation text,
        job_title text,
        access_needs text,
        dietary_needs text,
        consented_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
        waitlist_seq bigint,
        waitlist_reason text,
        token_hash text NOT NULL CONSTRAINT uq_registrations_token_hash UNIQUE,
        checked_in_at timestamptz,
        checked_in_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        cancelled_at timestamptz,
        erased_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_registrations_event_email UNIQUE (event_id, email),
        CONSTRAINT ck_registrations_waitlist CHECK ((status = 'waitlisted') = (waitlist_seq IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX ix_registrations_event_status ON registrations (event_id, status)`);
    await db.query(`
      CREATE TABLE session_signups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        registration_id uuid NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('confirmed', 'waitlisted')),
        waitlist_seq bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_session_signups_session_registration UNIQUE (session_id, registration_id),
        CONSTRAINT ck_session_signups_waitlist CHECK ((status = 'waitlisted') = (waitlist_seq IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX ix_session_signups_registration ON session_signups (registration_id)`);
    await db.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        recipient text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        send_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'queued', 'sending', 'sent', 'failed', 'cancelled')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        queued_at timestamptz,
        sent_at timestamptz,
        dedupe_key text NOT NULL CONSTRAINT uq_notifications_dedupe_key UNIQUE,
        event_id uuid REFERENCES events(id) ON DELETE CASCADE,
        registration_id uuid REFERENCES registrations(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The dispatcher's only hot query: due pending rows in send order.
    await db.query(`CREATE INDEX ix_notifications_due ON notifications (send_at) WHERE status = 'pending'`);
    await db.query(
      `CREATE INDEX ix_notifications_in_flight ON notifications (queued_at) WHERE status IN ('queued', 'sending')`,
    );
    await db.query(`CREATE INDEX ix_notifications_event_status ON notifications (event_id, status)`);
    await db.query(`CREATE INDEX ix_notifications_registration ON notifications (registration_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'notifications',
      'session_signups',
      'registrations',
      'session_speakers',
      'sessions',
      'speakers',
      'event_members',
      'events',
      'users',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
