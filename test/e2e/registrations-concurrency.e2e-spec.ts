import type { EntityManager } from 'typeorm';
import type { Event } from '../../src/events/event.entity.js';
import { insertEvent, insertSession } from '../factories/db-fixtures.js';
import { registrationBody, registerMany, type RegisteredDelegate } from '../factories/registrations.factory.js';
import type { CapturedMail } from '../setup/smtp-capture.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import {
  DelegatesRepository,
  type EventSeats,
  type NewRegistration,
  type PlacedRegistration,
} from '../../src/registrations/delegates.repository.js';
import {
  type SignupRow,
  type WorkshopSeats,
  WorkshopSignupsRepository,
} from '../../src/registrations/workshop-signups.repository.js';
import {
  INSERT_REGISTRATION_SQL,
  INSERT_SIGNUP_SQL,
  LOCK_EVENT_SQL,
} from '../../src/registrations/registrations.sql.js';

/** A statement with one guard taken out; throws if the guard is not found, so the control cannot quietly stop being one. */
const without = (sql: string, guard: string): string => {
  if (!sql.includes(guard)) throw new Error(`The guard "${guard}" is no longer in the statement`);
  return sql.replace(guard, '');
};
const UNGUARDED_REGISTRATION_SQL = without(
  INSERT_REGISTRATION_SQL,
  'AND (d.reason IS NOT NULL OR e.confirmed_count < e.capacity)',
);
const UNGUARDED_SIGNUP_SQL = without(
  INSERT_SIGNUP_SQL,
  "AND (d.status = 'waitlisted' OR s.capacity IS NULL OR s.confirmed_count < s.capacity)",
);

/**
 * The event's seats read without the row lock, and the seat claimed without its condition (the
 * control's database also lacks the counters' check constraint), so two decisions can overlap.
 * Only for the control run.
 */
class UnlockedEventSeats extends DelegatesRepository {
  override async insertRegistration(
    manager: EntityManager,
    input: NewRegistration,
  ): Promise<PlacedRegistration | undefined> {
    const rows: Array<{ id: string; status: PlacedRegistration['status'] }> = await manager.query(
      UNGUARDED_REGISTRATION_SQL,
      [
        input.eventId,
        input.name,
        input.email,
        input.tokenHash,
        input.organisation,
        input.jobTitle,
        input.accessNeeds,
        input.dietaryNeeds,
        input.consentedAt,
        input.tokenSealed,
        input.emailCanonical,
        input.organisationKey,
        input.agencyId,
      ],
    );
    const row = rows[0];
    return row ? { id: row.id, status: row.status, waitlistReason: null, waitlistPosition: null } : undefined;
  }

  override async lockEventSeats(manager: EntityManager, eventId: string): Promise<EventSeats | undefined> {
    const rows: Array<Record<string, unknown>> = await manager.query(without(LOCK_EVENT_SQL, 'FOR NO KEY UPDATE'), [
      eventId,
    ]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id as string,
      status: row.status as string,
      capacity: Number(row.capacity),
      perOrganisationCap: row.per_organisation_cap === null ? null : Number(row.per_organisation_cap),
      registrationOpensAt: row.registration_opens_at as Date | null,
      registrationClosesAt: row.registration_closes_at as Date | null,
      endsAt: row.ends_at as Date,
      agencyPlaces: row.agency_places === true,
    };
  }
}

/** The workshop's places read without the row lock and claimed without their condition. Only for the control run. */
class UnlockedWorkshopSeats extends WorkshopSignupsRepository {
  override async insertSignup(manager: EntityManager, sessionId: string, registrationId: string): Promise<SignupRow> {
    const rows: Array<{ id: string; status: SignupRow['status'] }> = await manager.query(UNGUARDED_SIGNUP_SQL, [
      sessionId,
      registrationId,
    ]);
    return { id: rows[0].id, sessionId, status: rows[0].status, waitlistPosition: null };
  }

  override async lockWorkshopSeats(manager: EntityManager, sessionId: string): Promise<WorkshopSeats | undefined> {
    const rows: WorkshopSeats[] = await manager.query(
      `SELECT id, event_id AS "eventId", title, kind, status, capacity, starts_at AS "startsAt", ends_at AS "endsAt"
       FROM sessions WHERE id = $1`,
      [sessionId],
    );
    return rows[0];
  }
}

interface Placed {
  id: string;
  status: 'confirmed' | 'waitlisted';
  waitlistPosition?: number;
}

/**
 * Fires `count` registrations at once (each answered 202) and returns the places they were
 * given, as the database holds them (the answer names no place; the welcome email does).
 */
async function rush(t: TestApp, eventId: string, count: number): Promise<Placed[]> {
  const responses = await Promise.all(
    Array.from({ length: count }, () => t.http.post(`/api/events/${eventId}/registrations`).send(registrationBody())),
  );
  expect(responses.map((r) => r.status)).toEqual(Array.from({ length: count }, () => 202));
  const rows: Array<{ id: string; status: Placed['status']; position: number | null }> = await t.db.query(
    `SELECT id, status, CASE WHEN status = 'waitlisted'
              THEN (rank() OVER (PARTITION BY status ORDER BY waitlist_seq))::int END AS position
       FROM registrations WHERE event_id = $1`,
    [eventId],
  );
  expect(rows).toHaveLength(count);
  return rows.map((r) => ({ id: r.id, status: r.status, ...(r.position ? { waitlistPosition: r.position } : {}) }));
}

async function statusCounts(t: TestApp, eventId: string): Promise<Record<string, number>> {
  const rows: Array<{ status: string; n: string }> = await t.db.query(
    `SELECT status, count(*) AS n FROM registrations WHERE event_id = $1 GROUP BY status`,
    [eventId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Waits until `count` captured emails match (earlier tests' mail may still be arriving). */
async function waitForMail(t: TestApp, match: (m: CapturedMail) => boolean, count: number, timeoutMs = 45_000) {
  const deadline = Date.now() + timeoutMs;
  while (t.mail.messages.filter(match).length < count) {
    if (Date.now() > deadline)
      throw new Error(`Expected ${count} matching emails, got ${t.mail.messages.filter(match).length}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const sortedPositions = (placed: Placed[]) =>
  placed
    .filter((p) => p.status === 'waitlisted')
    .map((p) => p.waitlistPosition)
    .sort((a, b) => a! - b!);

/** Outbox rows of one kind per registration: proves "promoted once, told once". */
async function outboxPerRegistration(t: TestApp, kind: string): Promise<Map<string, number>> {
  const rows: Array<{ registration_id: string; n: string }> = await t.db.query(
    `SELECT registration_id, count(*) AS n FROM notifications WHERE kind = $1 GROUP BY registration_id`,
    [kind],
  );
  return new Map(rows.map((r) => [r.registration_id, Number(r.n)]));
}

describe('registrations under a rush (row lock on)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('200 simultaneous registrations for 20 seats: exactly 20 confirmed, waiting positions 1..180', async () => {
    const event = await insertEvent(t.db, { capacity: 20 });
    const placed = await rush(t, event.id, 200);
    expect(placed.filter((p) => p.status === 'confirmed')).toHaveLength(20);
    expect(sortedPositions(placed)).toEqual(oneToN(180));
    expect(await statusCounts(t, event.id)).toEqual({ confirmed: 20, waitlisted: 180 });
  });

  it('50 simultaneous registrations for 1 seat: exactly 1 confirmed, waiting positions 1..49', async () => {
    const event = await insertEvent(t.db, { capacity: 1 });
    const placed = await rush(t, event.id, 50);
    expect(placed.filter((p) => p.status === 'confirmed')).toHaveLength(1);
    expect(sortedPositions(placed)).toEqual(oneToN(49));
    expect(await statusCounts(t, event.id)).toEqual({ confirmed: 1, waitlisted: 49 });
  });

  it('20 simultaneous cancellations: each waiting delegate is promoted once and emailed once', async () => {
    const event = await insertEvent(t.db, { capacity: 20, title: 'Cancellation Rush' });
    const confirmed = await registerMany(t, event.id, 20);
    const waiting = await registerMany(t, event.id, 25);
    expect(confirmed.every((d) => d.status === 'confirmed')).toBe(true);
    expect(waiting.map((d) => d.waitlistPosition)).toEqual(oneToN(25));

    const responses = await Promise.all(confirmed.map((d) => t.http.delete('/api/registrations/me').set(d.auth)));
    expect(responses.map((r) => r.status)).toEqual(confirmed.map(() => 204));

    expect(await statusCounts(t, event.id)).toEqual({ confirmed: 20, waitlisted: 5, cancelled: 20 });
    // Promotion follows arrival order: the first 20 waiting, and the last 5 now hold places 1..5.
    const promotedIds = new Set(waiting.slice(0, 20).map((d) => d.id));
    const rows: Array<{ id: string; status: string }> = await t.db.query(
      `SELECT id, status FROM registrations WHERE event_id = $1 AND status = 'confirmed'`,
      [event.id],
    );
    expect(new Set(rows.map((r) => r.id))).toEqual(promotedIds);
    for (const [i, d] of waiting.slice(20).entries()) {
      const me = await t.http.get('/api/registrations/me').set(d.auth).expect(200);
      expect(me.body.waitlistPosition).toBe(i + 1);
    }

    const promotions = await outboxPerRegistration(t, 'registration-promoted');
    expect(promotions.size).toBe(20);
    expect([...promotions.keys()].every((id) => promotedIds.has(id))).toBe(true);
    expect([...promotions.values()].every((n) => n === 1)).toBe(true);

    // Each promoted delegate gets exactly one "place opened up" email; each canceller one cancellation.
    const promotedEmails = new Set(waiting.slice(0, 20).map((d) => d.email));
    const cancellerEmails = new Set(confirmed.map((d) => d.email));
    const isPromotion = (m: CapturedMail) => m.subject.startsWith('A place opened up');
    const isCancellation = (m: CapturedMail) => m.subject.includes('is cancelled');
    await waitForMail(t, isPromotion, 20);
    await waitForMail(t, isCancellation, 20);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const promotionMail = t.mail.messages.filter(isPromotion);
    expect(promotionMail).toHaveLength(20);
    expect(new Set(promotionMail.map((m) => m.to[0]))).toEqual(promotedEmails);
    const cancellationMail = t.mail.messages.filter(isCancellation);
    expect(cancellationMail).toHaveLength(20);
    expect(new Set(cancellationMail.map((m) => m.to[0]))).toEqual(cancellerEmails);
    expect(promotionMail[0].attachments.some((a) => a.mimeType.startsWith('text/calendar'))).toBe(true);
  });

  describe('a workshop', () => {
    let event: Event;
    let delegates: RegisteredDelegate[];
    let workshopId: string;

    beforeAll(async () => {
      event = await insertEvent(t.db, { capacity: 500, title: 'Workshop Rush' });
      workshopId = (await insertSession(t.db, event, { capacity: 20, title: 'Canvas workshop' })).id;
      delegates = await registerMany(t, event.id, 60);
    });

    async function signupCounts(): Promise<Record<string, number>> {
      const rows: Array<{ status: string; n: string }> = await t.db.query(
        `SELECT status, count(*) AS n FROM session_signups WHERE session_id = $1 GROUP BY status`,
        [workshopId],
      );
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    }

    it('60 simultaneous sign-ups for 20 places: exactly 20 confirmed, queue positions 1..40', async () => {
      const responses = await Promise.all(
        delegates.map((d) => t.http.put(`/api/registrations/me/sessions/${workshopId}`).set(d.auth)),
      );
      expect(responses.map((r) => r.status)).toEqual(delegates.map(() => 200));
      const placed = responses.map((r) => r.body as Placed);
      expect(placed.filter((p) => p.status === 'confirmed')).toHaveLength(20);
      expect(sortedPositions(placed)).toEqual(oneToN(40));
      expect(await signupCounts()).toEqual({ confirmed: 20, waitlisted: 40 });
    });

    it('20 simultaneous leavers: each of the first 20 waiting is promoted once and emailed once', async () => {
      const seats: Array<{ registration_id: string; status: string }> = await t.db.query(
        `SELECT registration_id, status FROM session_signups WHERE session_id = $1 ORDER BY waitlist_seq NULLS FIRST`,
        [workshopId],
      );
      const holders = delegates.filter((d) =>
        seats.some((s) => s.registration_id === d.id && s.status === 'confirmed'),
      );
      const firstWaiting = new Set(
        seats
          .filter((s) => s.status === 'waitlisted')
          .slice(0, 20)
          .map((s) => s.registration_id),
      );
      expect(holders).toHaveLength(20);

      const responses = await Promise.all(
        holders.map((d) => t.http.delete(`/api/registrations/me/sessions/${workshopId}`).set(d.auth)),
      );
      expect(responses.map((r) => r.status)).toEqual(holders.map(() => 204));
      expect(await signupCounts()).toEqual({ confirmed: 20, waitlisted: 20 });

      const now: Array<{ registration_id: string }> = await t.db.query(
        `SELECT registration_id FROM session_signups WHERE session_id = $1 AND status = 'confirmed'`,
        [workshopId],
      );
      expect(new Set(now.map((r) => r.registration_id))).toEqual(firstWaiting);
      const promotions = await outboxPerRegistration(t, 'workshop-promoted');
      expect(promotions.size).toBe(20);
      expect([...promotions.values()].every((n) => n === 1)).toBe(true);

      const isWorkshopPromotion = (m: CapturedMail) => m.subject.includes('You have a place in the workshop');
      await waitForMail(t, isWorkshopPromotion, 20);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const mail = t.mail.messages.filter(isWorkshopPromotion);
      expect(mail).toHaveLength(20);
      expect(new Set(mail.map((m) => m.to[0]))).toEqual(
        new Set(delegates.filter((x) => firstWaiting.has(x.id)).map((d) => d.email)),
      );
      const remaining = await Promise.all(
        delegates
          .filter((d) => !firstWaiting.has(d.id) && !holders.includes(d))
          .map((d) => t.http.get('/api/registrations/me').set(d.auth)),
      );
      expect(
        remaining
          .map((r) => (r.body.workshops as Array<{ waitlistPosition?: number }>)[0]?.waitlistPosition)
          .sort((a, b) => a! - b!),
      ).toEqual(oneToN(20));
    });
  });
});

/**
 * The control: the same rushes with repositories that read the seats without the row lock and
 * claim them without the counters' condition or check constraint (swapped in the testing
 * module) must oversell, so the tests above are known to detect an oversell.
 */
describe('control run: the same rush with the row lock switched off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(
      { rateLimitDisabled: true },
      {
        swap: [
          { provide: DelegatesRepository, useClass: UnlockedEventSeats },
          { provide: WorkshopSignupsRepository, useClass: UnlockedWorkshopSeats },
        ],
      },
    );
    for (const table of ['events', 'sessions']) {
      await t.db.query(`ALTER TABLE ${table} DROP CONSTRAINT ck_${table}_seat_counters`);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  // Without the lock an oversell needs two decisions to overlap in time, which is likely
  // but not certain in any one rush; a few rushes make the control dependable.
  const ROUNDS = 8;

  // The workshop first: its 60 welcome emails must not queue behind the event rounds' thousand or more,
  // and they are awaited together after the posts (as in the test it controls) so none times out waiting.
  it('oversells a workshop', async () => {
    const event = await insertEvent(t.db, { capacity: 500 });
    const delegates = await registerMany(t, event.id, 60);
    const confirmedPerRound: number[] = [];
    for (let round = 0; round < ROUNDS && !confirmedPerRound.some((n) => n > 5); round += 1) {
      // A new workshop each round, at its own time so the rounds do not clash with each other.
      const startsAt = new Date(event.startsAt.getTime() + round * 2 * 3600 * 1000);
      const workshop = await insertSession(t.db, event, {
        capacity: 5,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3600 * 1000),
      });
      await Promise.all(delegates.map((d) => t.http.put(`/api/registrations/me/sessions/${workshop.id}`).set(d.auth)));
      const rows: Array<{ n: string }> = await t.db.query(
        `SELECT count(*) AS n FROM session_signups WHERE session_id = $1 AND status = 'confirmed'`,
        [workshop.id],
      );
      confirmedPerRound.push(Number(rows[0].n));
    }
    expect(Math.max(...confirmedPerRound)).toBeGreaterThan(5);
  });

  it('oversells an event', async () => {
    const confirmedPerRound: number[] = [];
    for (let round = 0; round < ROUNDS && !confirmedPerRound.some((n) => n > 20); round += 1) {
      const event = await insertEvent(t.db, { capacity: 20 });
      await rush(t, event.id, 200);
      confirmedPerRound.push((await statusCounts(t, event.id)).confirmed ?? 0);
    }
    expect(Math.max(...confirmedPerRound)).toBeGreaterThan(20);
  });
});
