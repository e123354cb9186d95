import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CallBatcher } from '../platform/batching/call-batcher.js';
import { NotificationKind } from '../outbox/notification-kind.js';
import { OutboxRepository } from '../outbox/outbox.repository.js';
import { SEND_BATCHING } from '../platform/queue/queues.js';
import type { ReminderRule } from './reminder-rule.entity.js';

/**
 * The reminders each confirmed delegate should get for an event, computed from the
 * current rules, event and session times and workshop sign-ups. $1 = event id,
 * $2 = registration id or NULL for all.
 */
const DESIRED = `
  SELECT r.id AS rule_id, reg.id AS registration_id, reg.email, NULL::uuid AS session_id,
         CASE r.anchor WHEN 'event-start' THEN e.starts_at - make_interval(secs => r.offset_seconds)
                       ELSE e.ends_at + make_interval(secs => r.offset_seconds) END AS send_at
    FROM reminder_rules r
    JOIN events e ON e.id = r.event_id AND e.status = 'published'
    JOIN registrations reg ON reg.event_id = e.id AND reg.status = 'confirmed' AND reg.erased_at IS NULL
   WHERE r.event_id = $1 AND r.anchor IN ('event-start', 'event-end')
     AND ($2::uuid IS NULL OR reg.id = $2::uuid)
  UNION ALL
  SELECT r.id, reg.id, reg.email, s.id, s.starts_at - make_interval(secs => r.offset_seconds)
    FROM reminder_rules r
    JOIN events e ON e.id = r.event_id AND e.status = 'published'
    JOIN sessions s ON s.event_id = e.id AND s.status = 'scheduled'
    JOIN session_signups su ON su.session_id = s.id AND su.status = 'confirmed'
    JOIN registrations reg ON reg.id = su.registration_id AND reg.status = 'confirmed' AND reg.erased_at IS NULL
   WHERE r.event_id = $1 AND r.anchor = 'session-start'
     AND ($2::uuid IS NULL OR reg.id = $2::uuid)`;

const DEDUPE_KEY = `'reminder:' || d.rule_id || ':' || d.registration_id || ':' || coalesce(d.session_id::text, 'event')`;

export interface SyncResult {
  scheduled: number;
  cancelled: number;
}

/** The reminder rows, keyed by rule, delegate and session, as the outbox reconciles them. */
const DESIRED_ROWS = `
  SELECT ${DEDUPE_KEY} AS dedupe_key, d.email AS recipient,
         jsonb_build_object('ruleId', d.rule_id, 'sessionId', d.session_id) AS data, d.send_at, d.registration_id
    FROM (${DESIRED}) d`;

/** The reminders' reconciliation of outbox rows with the rules. */
@Injectable()
export class RemindersRepository {
  constructor(private readonly outbox: OutboxRepository) {}

  /**
   * Brings an event's reminder rows in line with what should be sent: new rows for new
   * delegates, sign-ups and rules; new times for moved ones; cancelled rows for what no
   * longer applies. Rows whose time has passed are never created (no stale reminders).
   * Safe to run any number of times, from any process.
   */
  sync(manager: EntityManager, eventId: string, now: Date, registrationId: string | null = null): Promise<SyncResult> {
    return this.outbox.reconcile(manager, {
      eventId,
      registrationId,
      now,
      kind: NotificationKind.Reminder,
      desired: DESIRED_ROWS,
      noLongerWanted: 'No longer applies (registration, sign-up, rule or event changed).',
      tooLate: 'Its new time had already passed; not sent late.',
    });
  }
}

/** The fields a reminder is written from, read in one query when it is due. */
export interface ReminderContextRow {
  rule: {
    id: string;
    eventId: string;
    anchor: ReminderRule['anchor'];
    offset: string;
    offsetSeconds: number;
    subject: string | null;
    message: string | null;
  };
  registration: {
    id: string;
    eventId: string;
    name: string;
    email: string;
    status: string;
    erasedAt: Date | null;
    tokenSealed: string | null;
    linkUsedAt: Date | null;
  };
  event: {
    id: string;
    slug: string;
    title: string;
    description: string;
    venue: string;
    timezone: string;
    startsAt: Date;
    endsAt: Date;
    status: string;
    sequence: number;
    updatedAt: Date;
  };
  sessions: Array<{
    id: string;
    title: string;
    abstract: string | null;
    kind: string;
    startsAt: Date;
    endsAt: Date;
    room: string | null;
    track: string | null;
    status: string;
    sequence: number;
    updatedAt: Date;
  }>;
}

const toDate = (value: string | null): Date | null => (value === null ? null : new Date(value));

@Injectable()
export class ReminderContextRepository {
  private readonly batches = new CallBatcher((keys: ContextKey[]) => this.loadBatch(keys), SEND_BATCHING);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The rule, the delegate, the event and the delegate's confirmed workshops, in one round
   * trip; a worker's concurrent sends share it (see SEND_BATCHING).
   */
  load(ruleId: string, registrationId: string): Promise<ReminderContextRow | undefined> {
    return this.batches.call({ ruleId, registrationId });
  }

  private async loadBatch(keys: ContextKey[]): Promise<Array<ReminderContextRow | undefined>> {
    const rows = await this.db.query<Array<Record<string, string | number | null | JsonSession[]>>>(
      `SELECT k.n::int AS n, r.id AS rule_id, r.event_id AS rule_event_id, r.anchor, r."offset", r.offset_seconds,
              r.subject, r.message,
              reg.id AS registration_id, reg.event_id AS registration_event_id, reg.name, reg.email,
              reg.status AS registration_status, reg.erased_at, reg.token_sealed, reg.link_used_at,
              e.id AS event_id, e.slug, e.title, e.description, e.venue, e.timezone, e.starts_at, e.ends_at,
              e.status AS event_status, e.sequence AS event_sequence, e.updated_at,
              coalesce((SELECT json_agg(json_build_object('id', s.id, 'title', s.title, 'abstract', s.abstract, 'kind', s.kind,
                          'startsAt', s.starts_at, 'endsAt', s.ends_at, 'room', s.room, 'track', s.track,
                          'status', s.status, 'sequence', s.sequence, 'updatedAt', s.updated_at) ORDER BY s.starts_at, s.id)
                          FROM session_signups su JOIN sessions s ON s.id = su.session_id AND s.status = 'scheduled'
                         WHERE su.registration_id = reg.id AND su.status = 'confirmed'), '[]'::json) AS sessions
         FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS k(rule_id, registration_id, n)
         JOIN reminder_rules r ON r.id = k.rule_id
         JOIN registrations reg ON reg.id = k.registration_id
         JOIN events e ON e.id = reg.event_id`,
      [keys.map((key) => key.ruleId), keys.map((key) => key.registrationId)],
    );
    const found = new Map(rows.map((row) => [Number(row.n), toContextRow(row)]));
    return keys.map((_, i) => found.get(i + 1));
  }
}

interface ContextKey {
  ruleId: string;
  registrationId: string;
}

function toContextRow(row: Record<string, string | number | null | JsonSession[]>): ReminderContextRow {
  const text = (key: string) => row[key] as string;
  return {
    rule: {
      id: text('rule_id'),
      eventId: text('rule_event_id'),
      anchor: text('anchor') as ReminderRule['anchor'],
      offset: text('offset'),
      offsetSeconds: Number(row.offset_seconds),
      subject: row.subject as string | null,
      message: row.message as string | null,
    },
    registration: {
      id: text('registration_id'),
      eventId: text('registration_event_id'),
      name: text('name'),
      email: text('email'),
      status: text('registration_status'),
      erasedAt: toDate(row.erased_at as string | null),
      tokenSealed: row.token_sealed as string | null,
      linkUsedAt: toDate(row.link_used_at as string | null),
    },
    event: {
      id: text('event_id'),
      slug: text('slug'),
      title: text('title'),
      description: text('description'),
      venue: text('venue'),
      timezone: text('timezone'),
      startsAt: new Date(text('starts_at')),
      endsAt: new Date(text('ends_at')),
      status: text('event_status'),
      sequence: Number(row.event_sequence),
      updatedAt: new Date(text('updated_at')),
    },
    sessions: (row.sessions as JsonSession[]).map((s) => ({
      ...s,
      startsAt: new Date(s.startsAt),
      endsAt: new Date(s.endsAt),
      updatedAt: new Date(s.updatedAt),
    })),
  };
}

type JsonSession = Omit<ReminderContextRow['sessions'][number], 'startsAt' | 'endsAt' | 'updatedAt'> & {
  startsAt: string;
  endsAt: string;
  updatedAt: string;
};
