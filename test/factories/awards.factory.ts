import type { DataSource } from 'typeorm';
import { newSecretToken } from '../../src/platform/crypto/tokens.js';
import type { Event } from '../../src/events/event.entity.js';
import { Registration } from '../../src/registrations/registration.entity.js';
import type { TestApp } from '../setup/test-app.js';
import { type InsertedDelegate, insertEvent, insertMember, syncSeatCounters } from './db-fixtures.js';
import { newStaff, type StaffUser } from './staff.factory.js';

const MINUTE = 60_000;

export interface AwardsContext {
  event: Event;
  organiser: StaffUser;
}

/** A published event with an organiser (created through the API, joined as a direct row). */
export async function newAwardsEvent(t: TestApp, overrides: Partial<Event> = {}): Promise<AwardsContext> {
  const organiser = await newStaff(t);
  const event = await insertEvent(t.db, overrides);
  await insertMember(t.db, event.id, organiser.id, 'organiser');
  return { event, organiser };
}

/** A valid award body: voting opened a minute ago and closes in an hour; override what matters. */
export const awardBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  title: 'Link Officer of the Year',
  description: 'Adults',
  votingOpensAt: new Date(Date.now() - MINUTE).toISOString(),
  votingClosesAt: new Date(Date.now() + 60 * MINUTE).toISOString(),
  ...overrides,
});

export interface CreatedAward {
  id: string;
  nominees: Array<{ id: string; name: string; organisation: string | null }>;
}

/**
 * An award with a shortlist. The shortlist can only change before voting opens, so the
 * award is created with voting in the future, shortlisted, then opened by moving its window
 * back in the database (a PATCH could not: the opening time is fixed once voting opens).
 */
export async function newAward(
  t: TestApp,
  ctx: AwardsContext,
  options: {
    body?: Record<string, unknown>;
    nominees?: Array<{ name: string; organisation?: string; citation?: string }>;
    open?: boolean;
  } = {},
): Promise<CreatedAward> {
  const future = {
    votingOpensAt: new Date(Date.now() + 30 * MINUTE).toISOString(),
    votingClosesAt: new Date(Date.now() + 90 * MINUTE).toISOString(),
  };
  const created = await t.http
    .post(`/api/events/${ctx.event.id}/awards`)
    .set(ctx.organiser.auth)
    .send(awardBody({ ...future, ...options.body }))
    .expect(201);
  const id = (created.body as { id: string }).id;
  const nominees: CreatedAward['nominees'] = [];
  for (const nominee of options.nominees ?? [
    { name: 'Ada Lovelace', organisation: 'North PCN', citation: 'Set up the social prescribing hub.' },
    { name: 'Grace Hopper', organisation: 'South PCN', citation: 'Trained forty link workers.' },
    { name: 'Mary Seacole', organisation: 'East PCN', citation: 'Ran the newcomers programme.' },
  ]) {
    const response = await t.http.post(`/api/awards/${id}/nominees`).set(ctx.organiser.auth).send(nominee).expect(201);
    nominees.push(response.body);
  }
  if (options.open !== false) await openVoting(t.db, id);
  return { id, nominees };
}

/** Voting opened a minute ago and closes in an hour (test-only shortcut around the fixed opening time). */
export async function openVoting(db: DataSource, awardId: string): Promise<void> {
  await db.query(
    `UPDATE awards
        SET nominations_open_at = CASE WHEN nominations_open_at IS NULL THEN NULL ELSE now() - interval '3 minutes' END,
            nominations_close_at = CASE WHEN nominations_close_at IS NULL THEN NULL ELSE now() - interval '2 minutes' END,
            voting_opens_at = now() - interval '1 minute', voting_closes_at = now() + interval '1 hour'
      WHERE id = $1`,
    [awardId],
  );
}

/**
 * Closes voting now (test-only shortcut: once voting has opened, an organiser can only move
 * the close later). The sealed ballots are counted in by the first results read, or the poller.
 */
export async function closeVoting(db: DataSource, awardId: string): Promise<void> {
  await db.query(
    `UPDATE awards SET voting_closes_at = now() - interval '1 second'
      WHERE id = $1 AND voting_opens_at < now() - interval '1 second'`,
    [awardId],
  );
}

/** Many confirmed delegates in one INSERT (an award storm needs hundreds quickly). */
export async function insertDelegates(
  db: DataSource,
  eventId: string,
  count: number,
  overrides: Partial<Registration> = {},
): Promise<InsertedDelegate[]> {
  const made = Array.from({ length: count }, (_, i) => ({ ...newSecretToken(), i }));
  const repo = db.getRepository(Registration);
  const rows = made.map(({ hash, i }) =>
    repo.create({
      eventId,
      name: `Delegate ${i}`,
      email: `delegate-${i}-${hash.slice(0, 8)}@example.org`,
      emailCanonical: `delegate-${i}-${hash.slice(0, 8)}@example.org`,
      organisation: 'West PCN',
      consentedAt: new Date(),
      status: 'confirmed',
      tokenHash: hash,
      ...overrides,
    }),
  );
  const saved: Registration[] = [];
  for (let i = 0; i < rows.length; i += 500) saved.push(...(await repo.save(rows.slice(i, i + 500), { chunk: 500 })));
  await syncSeatCounters(db, eventId);
  return saved.map((registration, i) => {
    const token = made[i].token;
    return { registration, token, auth: { Authorization: `Bearer ${token}` } };
  });
}
