import type { EntityManager } from 'typeorm';
import { insertAgency, insertEvent, insertMember } from '../factories/db-fixtures.js';
import { register, registrationBody } from '../factories/registrations.factory.js';
import { newStaff } from '../factories/staff.factory.js';
import { Browser } from '../setup/staff-browser.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { AgencyPlacesService } from '../../src/registrations/agency-places/agency-places.service.js';
import { DelegatesRepository, type EventSeats } from '../../src/registrations/delegates.repository.js';
import { DelegatesService } from '../../src/registrations/delegates.service.js';
import { LOCK_EVENT_SQL } from '../../src/registrations/registrations.sql.js';

async function insertAgencies(t: TestApp, names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) ids.push(await insertAgency(t.db, name));
  return ids;
}

const unique = (prefix: string) =>
  Array.from({ length: 10 }, (_, i) => `${prefix} ${Math.random().toString(36).slice(2, 8)} ${i + 1}`);

/** Fires the registrations at once (each answered 202); `agencyIds[i]` is the i-th registrant's agency, or undefined. */
async function rush(t: TestApp, eventId: string, agencyIds: Array<string | undefined>): Promise<void> {
  const responses = await Promise.all(
    agencyIds.map((agencyId) =>
      t.http.post(`/api/events/${eventId}/registrations`).send(registrationBody(agencyId ? { agencyId } : {})),
    ),
  );
  expect(responses.map((r) => r.status)).toEqual(agencyIds.map(() => 202));
}

interface Row {
  id: string;
  agency_id: string | null;
  status: string;
  waitlist_reason: string | null;
  waitlist_seq: string | null;
}

const rowsOf = (t: TestApp, eventId: string): Promise<Row[]> =>
  t.db.query(
    `SELECT id, agency_id, status, waitlist_reason, waitlist_seq FROM registrations WHERE event_id = $1 ORDER BY waitlist_seq NULLS FIRST`,
    [eventId],
  );

const confirmedBy = (rows: Row[], agencyId: string | null) =>
  rows.filter((r) => r.status === 'confirmed' && r.agency_id === agencyId).length;

async function countersAgree(t: TestApp, eventId: string): Promise<void> {
  const [counters]: Array<{ confirmed_count: number; waiting_count: number }> = await t.db.query(
    `SELECT confirmed_count, waiting_count FROM events WHERE id = $1`,
    [eventId],
  );
  const rows = await rowsOf(t, eventId);
  expect(counters).toEqual({
    confirmed_count: rows.filter((r) => r.status === 'confirmed').length,
    waiting_count: rows.filter((r) => r.status === 'waitlisted').length,
  });
}

describe('places per agency', () => {
  let t: TestApp;
  let places: AgencyPlacesService;
  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
    places = t.app.get(AgencyPlacesService);
  });
  afterAll(async () => {
    await t.close();
  });

  it('300 registrations at once across 10 agencies with 10 reserved each and 50 open seats: nobody over, then the release promotes the first in the queue', async () => {
    const event = await insertEvent(t.db, { capacity: 150 });
    const agencies = await insertAgencies(t, unique('Borough'));
    for (const agencyId of agencies) await places.set(event.id, agencyId, 10, true);
    // Agencies 1–5 send 30 each (more than their 10), agencies 6–10 send 5 each (25 reserved places
    // unused), and 125 come from no agency for the 50 open seats.
    const registrants = [
      ...agencies.slice(0, 5).flatMap((id) => Array.from({ length: 30 }, () => id)),
      ...agencies.slice(5).flatMap((id) => Array.from({ length: 5 }, () => id)),
      ...Array.from({ length: 125 }, () => undefined),
    ].sort(() => Math.random() - 0.5);
    expect(registrants).toHaveLength(300);
    await rush(t, event.id, registrants);

    const before = await rowsOf(t, event.id);
    for (const id of agencies.slice(0, 5)) expect(confirmedBy(before, id)).toBe(10);
    for (const id of agencies.slice(5)) expect(confirmedBy(before, id)).toBe(5);
    expect(confirmedBy(before, null)).toBe(50);
    const waiting = before.filter((r) => r.status === 'waitlisted');
    expect(waiting).toHaveLength(175);
    expect(waiting.filter((r) => r.waitlist_reason === 'agency_places')).toHaveLength(100);
    expect(waiting.filter((r) => r.waitlist_reason === 'event_full')).toHaveLength(75);
    expect(new Set(waiting.map((r) => r.waitlist_seq)).size).toBe(175);
    await countersAgree(t, event.id);

    // The release: the 25 unused reserved places go to the first 25 in the queue, whatever their agency.
    await places.setReleaseAt(event.id, new Date(Date.now() - 1000));
    await t.app.get(DelegatesService).releaseDueAgencyPlaces();
    const after = await rowsOf(t, event.id);
    const promoted = new Set(after.filter((r) => r.status === 'confirmed').map((r) => r.id));
    const firstInQueue = waiting.slice(0, 25).map((r) => r.id);
    expect(firstInQueue.every((id) => promoted.has(id))).toBe(true);
    expect(waiting.slice(25).some((r) => promoted.has(r.id))).toBe(false);
    expect(promoted.size).toBe(150);
    const stillWaiting = after.filter((r) => r.status === 'waitlisted');
    expect(stillWaiting).toHaveLength(150);
    expect(stillWaiting.every((r) => r.waitlist_reason === 'event_full')).toBe(true);
    await countersAgree(t, event.id);

    // Released once: a second pass changes nothing, and the places can no longer be changed.
    expect(await t.app.get(DelegatesService).releaseDueAgencyPlaces()).toBe(0);
    await expect(places.set(event.id, agencies[0], 20, true)).rejects.toThrow(/released already/);
  });

  it('"up to" places cap an agency within the open seats; a reserved place freed goes to that agency’s queue first', async () => {
    const event = await insertEvent(t.db, { capacity: 20 });
    const [capped, reservedAgency] = await insertAgencies(t, unique('Trust').slice(0, 2));
    await places.set(event.id, capped, 3, false);
    await places.set(event.id, reservedAgency, 2, true);
    await rush(t, event.id, [
      ...Array.from({ length: 10 }, () => capped),
      ...Array.from({ length: 4 }, () => reservedAgency),
      ...Array.from({ length: 6 }, () => undefined),
    ]);
    const rows = await rowsOf(t, event.id);
    expect(confirmedBy(rows, capped)).toBe(3);
    expect(confirmedBy(rows, reservedAgency)).toBe(2);
    expect(confirmedBy(rows, null)).toBe(6);
    await countersAgree(t, event.id);

    // One of the reserved agency's delegates cancels: their colleague first in that agency's queue gets the place,
    // though the open seats are free for others too.
    const holder = rows.find((r) => r.agency_id === reservedAgency && r.status === 'confirmed')!;
    const nextColleague = rows.find((r) => r.agency_id === reservedAgency && r.status === 'waitlisted')!;
    const registration = await t.app.get(DelegatesRepository).findRegistration(holder.id);
    await t.app.get(DelegatesService).cancel(registration!);
    const after = await rowsOf(t, event.id);
    expect(after.find((r) => r.id === nextColleague.id)!.status).toBe('confirmed');
    expect(confirmedBy(after, reservedAgency)).toBe(2);
    await countersAgree(t, event.id);
  });

  it('a delegate holding an agency’s place may not move it to another organisation themselves', async () => {
    const event = await insertEvent(t.db, { capacity: 10 });
    const [agency] = await insertAgencies(t, unique('Practice').slice(0, 1));
    await places.set(event.id, agency, 2, true);
    const delegate = await register(t, event.id, { agencyId: agency, name: 'Ada Held' });
    const refused = await t.http
      .put('/api/registrations/me/details')
      .set(delegate.auth)
      .send({ name: 'Ada Held', organisation: 'Somewhere Else' });
    expect(refused.status).toBe(409);
    expect((await rowsOf(t, event.id)).find((r) => r.id === delegate.id)?.agency_id).toBe(agency);
  });

  it('refuses reserved places beyond the capacity', async () => {
    const event = await insertEvent(t.db, { capacity: 10 });
    const [a, b] = await insertAgencies(t, unique('Council').slice(0, 2));
    await places.set(event.id, a, 8, true);
    await expect(places.set(event.id, b, 3, true)).rejects.toThrow(/more than the event's 10 seats/);
    await places.set(event.id, b, 3, false);
    expect((await places.overview(event.id)).openSeats).toBe(2);
  });

  it('the organiser’s page: set, refuse with the reason beside the field, remove, the release date', async () => {
    const organiser = await newStaff(t);
    const event = await insertEvent(t.db, { capacity: 30 });
    await insertMember(t.db, event.id, organiser.id, 'organiser');
    const [agency] = await insertAgencies(t, unique('Hospice').slice(0, 1));
    const browser = new Browser(t);
    await browser.signIn(organiser);
    const page = `/staff/events/${event.id}/agency-places`;

    const empty = await browser.get(page);
    expect(empty.status).toBe(200);
    expect(empty.headers['cache-control']).toContain('no-store');
    expect(empty.text).toContain('every seat is open to all');

    const bad = await browser.post(page, { agencyId: agency, places: '0', kind: 'reserved' });
    expect(bad.status).toBe(400);
    const badHtml = bad.text;
    expect(badHtml).toContain('id="places-error"');
    expect(badHtml).toMatch(new RegExp(`<option value="${agency}" selected>`));

    const over = await browser.post(page, { agencyId: agency, places: '31', kind: 'reserved' });
    expect(over.status).toBe(409);
    expect(over.text).toContain('more than the event');

    const saved = await browser.post(page, { agencyId: agency, places: '12', kind: 'reserved' });
    expect(saved.status).toBe(303);
    const listed = (await browser.get(page)).text;
    expect(listed).toContain('Reserved for the agency');
    expect(listed).toContain('30 seats: 18 open to all');

    const badDate = await browser.post(`${page}/release-date`, { releaseAt: 'next week' });
    expect(badDate.status).toBe(400);
    expect(badDate.text).toContain('id="releaseAt-error"');
    const dated = await browser.post(`${page}/release-date`, { releaseAt: '2031-05-01T09:00' });
    expect(dated.status).toBe(303);
    const [release]: Array<{ at: Date }> = await t.db.query(
      `SELECT agency_places_release_at AS at FROM events WHERE id = $1`,
      [event.id],
    );
    expect(release.at.toISOString()).toBe('2031-05-01T08:00:00.000Z');

    const removed = await browser.post(`${page}/${agency}/remove`, {});
    expect(removed.status).toBe(303);
    expect((await browser.get(page)).text).toContain('every seat is open to all');

    const crossSite = await browser.post(
      page,
      { agencyId: agency, places: '5', kind: 'reserved' },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    expect((await places.overview(event.id)).allocations).toHaveLength(0);
  });
});

/** The event's seats read without the row lock, so two registrations' decisions can overlap. Only for the control run. */
class UnlockedEventSeats extends DelegatesRepository {
  override async lockEventSeats(manager: EntityManager, eventId: string): Promise<EventSeats | undefined> {
    const rows: Array<Record<string, unknown>> = await manager.query(LOCK_EVENT_SQL.replace('FOR NO KEY UPDATE', ''), [
      eventId,
    ]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id as string,
      status: row.status as string,
      capacity: Number(row.capacity),
      perOrganisationCap: null,
      registrationOpensAt: row.registration_opens_at as Date | null,
      registrationClosesAt: row.registration_closes_at as Date | null,
      endsAt: row.ends_at as Date,
      agencyPlaces: row.agency_places === true,
    };
  }
}

/** The control: without the event's row lock the agency's allocation is overrun, so the test above can see it. */
describe('control run: the agency rush with the row lock switched off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(
      { rateLimitDisabled: true },
      { swap: [{ provide: DelegatesRepository, useClass: UnlockedEventSeats }] },
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives an agency more than its places', async () => {
    const places = t.app.get(AgencyPlacesService);
    const heldPerRound: number[] = [];
    for (let round = 0; round < 8 && !heldPerRound.some((n) => n > 10); round += 1) {
      const event = await insertEvent(t.db, { capacity: 150 });
      const [agency] = await insertAgencies(t, unique('Control').slice(0, 1));
      await places.set(event.id, agency, 10, true);
      await rush(
        t,
        event.id,
        Array.from({ length: 60 }, () => agency),
      );
      heldPerRound.push(confirmedBy(await rowsOf(t, event.id), agency));
    }
    expect(Math.max(...heldPerRound)).toBeGreaterThan(10);
  });
});
