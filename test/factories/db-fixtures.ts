import { randomBytes } from 'node:crypto';
import { organisationKey } from '../../src/platform/text/organisation-key.js';
import type { DataSource } from 'typeorm';
import { newSecretToken } from '../../src/platform/crypto/tokens.js';
import { EventMember, type EventRole } from '../../src/identity/event-member.entity.js';
import { Event } from '../../src/events/event.entity.js';
import { canonicalEmailOf } from '../../src/platform/mail/email-address.js';
import { Registration } from '../../src/registrations/registration.entity.js';
import { AgendaSession } from '../../src/agenda/agenda-session.entity.js';
import { DelegatesRepository } from '../../src/registrations/delegates.repository.js';

/**
 * Rows written straight into the test's real database, for tests whose subject is
 * something else (an award needs delegates; a canvas needs an event). Tests of a
 * feature itself go through its HTTP routes.
 */
const DAY = 24 * 3600 * 1000;

export async function insertEvent(db: DataSource, overrides: Partial<Event> = {}): Promise<Event> {
  const starts = overrides.startsAt ?? new Date(Date.now() + 30 * DAY);
  const repo = db.getRepository(Event);
  return repo.save(
    repo.create({
      slug: `event-${randomBytes(4).toString('hex')}`,
      title: 'Annual Meeting',
      description: 'The annual meeting of the network',
      venue: 'Town Hall',
      timezone: 'Europe/London',
      startsAt: starts,
      endsAt: overrides.endsAt ?? new Date(starts.getTime() + 2 * DAY),
      capacity: 100,
      status: 'published',
      publishedAt: new Date(),
      ...overrides,
    }),
  );
}

export async function insertMember(db: DataSource, eventId: string, userId: string, role: EventRole): Promise<void> {
  await db.getRepository(EventMember).save({ eventId, userId, role });
}

export interface InsertedDelegate {
  registration: Registration;
  token: string;
  auth: { Authorization: string };
}

export async function insertRegistration(
  db: DataSource,
  eventId: string,
  overrides: Partial<Registration> = {},
): Promise<InsertedDelegate> {
  const { token, hash } = newSecretToken();
  const repo = db.getRepository(Registration);
  const email = overrides.email ?? `delegate-${randomBytes(4).toString('hex')}@example.org`;
  const registration = await repo.save(
    repo.create({
      eventId,
      name: 'Delegate',
      email,
      emailCanonical: canonicalEmailOf(email),
      organisation: 'Agency',
      consentedAt: new Date(),
      status: 'confirmed',
      tokenHash: hash,
      ...overrides,
    }),
  );
  await syncSeatCounters(db, eventId);
  return { registration, token, auth: { Authorization: `Bearer ${token}` } };
}

/**
 * Brings the event's and its workshops' seat counters in line with rows a test wrote straight
 * into the tables (the app's own statements keep them in step; these fixtures go around them).
 */
export async function syncSeatCounters(db: DataSource, eventId: string): Promise<void> {
  await new DelegatesRepository(db).repairSeatCounters(eventId);
}

export async function insertSession(
  db: DataSource,
  event: Event,
  overrides: Partial<AgendaSession> = {},
): Promise<AgendaSession> {
  const repo = db.getRepository(AgendaSession);
  const startsAt = overrides.startsAt ?? new Date(event.startsAt.getTime() + 3600 * 1000);
  return repo.save(
    repo.create({
      eventId: event.id,
      title: 'Workshop',
      kind: 'workshop',
      startsAt,
      endsAt: overrides.endsAt ?? new Date(startsAt.getTime() + 3600 * 1000),
      room: 'Room A',
      capacity: 20,
      ...overrides,
    }),
  );
}

/** A member agency of the network, keyed as the application keys it; with a link officer if given. */
export async function insertAgency(
  db: DataSource,
  name: string,
  linkOfficerEmail: string | null = null,
): Promise<string> {
  const rows = await db.query<Array<{ id: string }>>(
    `INSERT INTO agencies (name, name_key, link_officer_email) VALUES ($1, $2, $3) RETURNING id`,
    [name, organisationKey(name), linkOfficerEmail],
  );
  return rows[0].id;
}
