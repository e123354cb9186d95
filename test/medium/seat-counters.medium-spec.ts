import { randomBytes } from 'node:crypto';
import { EventsService } from '../../src/events/events.service.js';
import { AttendeesService } from '../../src/registrations/attendees.service.js';
import { DelegatesRepository } from '../../src/registrations/delegates.repository.js';
import { DelegatesService } from '../../src/registrations/delegates.service.js';
import type { Registration } from '../../src/registrations/registration.entity.js';
import { WorkshopSignupsService } from '../../src/registrations/workshop-signups.service.js';
import { insertEvent, insertSession } from '../factories/db-fixtures.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

interface Counters {
  capacity: number | null;
  confirmed_count: number;
  waiting_count: number;
  confirmed: number;
  waiting: number;
}

/**
 * The seat counters kept in the event's and the workshops' rows, against the rows themselves,
 * after a concurrent mix of everything that moves a seat: registering, cancelling (seated and
 * queued), promoting, erasing, lowering and raising the capacity, signing up for and leaving
 * a workshop. Services called directly on real PostgreSQL, so only the locks and the
 * statements decide.
 */
describe('seat counters (medium)', () => {
  let t: TestApp;
  let delegates: DelegatesService;
  let attendees: AttendeesService;
  let events: EventsService;
  let workshops: WorkshopSignupsService;
  let repository: DelegatesRepository;
  beforeAll(async () => {
    t = await createTestApp();
    delegates = t.app.get(DelegatesService);
    attendees = t.app.get(AttendeesService);
    events = t.app.get(EventsService);
    workshops = t.app.get(WorkshopSignupsService);
    repository = t.app.get(DelegatesRepository);
  });
  afterAll(async () => {
    await t.close();
  });

  const someone = () => {
    const id = randomBytes(4).toString('hex');
    return { name: `Delegate ${id}`, email: `d-${id}@example.org`, consent: true as const };
  };

  const eventCounters = async (eventId: string): Promise<Counters> => {
    const [row] = await t.db.query<Counters[]>(
      `SELECT e.capacity, e.confirmed_count, e.waiting_count,
              count(r.id) FILTER (WHERE r.status = 'confirmed')::int AS confirmed,
              count(r.id) FILTER (WHERE r.status = 'waitlisted')::int AS waiting
       FROM events e LEFT JOIN registrations r ON r.event_id = e.id WHERE e.id = $1 GROUP BY e.id`,
      [eventId],
    );
    return row;
  };
  const sessionCounters = async (sessionId: string): Promise<Counters> => {
    const [row] = await t.db.query<Counters[]>(
      `SELECT s.capacity, s.confirmed_count, s.waiting_count,
              count(ss.id) FILTER (WHERE ss.status = 'confirmed')::int AS confirmed,
              count(ss.id) FILTER (WHERE ss.status = 'waitlisted')::int AS waiting
       FROM sessions s LEFT JOIN session_signups ss ON ss.session_id = s.id WHERE s.id = $1 GROUP BY s.id`,
      [sessionId],
    );
    return row;
  };
  const registrationOf = async (id: string): Promise<Registration> => {
    const registration = await repository.findRegistration(id);
    if (!registration) throw new Error(`No registration ${id}`);
    return registration;
  };

  it('agree with the rows after a concurrent mix of register, cancel, promote, erase, capacity change and workshops', async () => {
    const event = await insertEvent(t.db, { capacity: 12 });
    const workshop = await insertSession(t.db, event, { capacity: 4 });
    const first = [];
    for (let i = 0; i < 24; i += 1) first.push(await delegates.register(event.id, someone()));
    const seated = await Promise.all(first.filter((o) => o.status === 'confirmed').map((o) => registrationOf(o.id)));
    const queued = await Promise.all(first.filter((o) => o.status === 'waitlisted').map((o) => registrationOf(o.id)));
    expect([seated.length, queued.length]).toEqual([12, 12]);
    for (const delegate of seated.slice(0, 6)) await workshops.signUp(delegate, workshop.id);

    const mix: Array<Promise<unknown>> = [
      ...Array.from({ length: 20 }, () => delegates.register(event.id, someone())),
      ...seated.slice(0, 4).map((d) => delegates.cancel(d)),
      ...queued.slice(0, 3).map((d) => delegates.cancel(d)),
      ...seated.slice(4, 6).map((d) => workshops.leave(d, workshop.id)),
      ...seated.slice(6, 10).map((d) => workshops.signUp(d, workshop.id)),
      ...[...seated.slice(10, 12), ...queued.slice(3, 5)].map((d) => attendees.erase(event.id, d.id)),
      events.update(event.id, { capacity: 9 }),
      events.update(event.id, { capacity: 16 }).then(() => delegates.fillFreeSeats(event.id)),
      delegates.fillFreeSeats(event.id),
      delegates.fillFreeSeats(event.id),
    ];
    const outcomes = await Promise.allSettled(mix);

    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);

    const counted = await eventCounters(event.id);
    expect([counted.confirmed_count, counted.waiting_count]).toEqual([counted.confirmed, counted.waiting]);
    // The capacity ends at 9 or 16, whichever change came last; seats held past a lowered one stay.
    expect(counted.confirmed).toBeLessThanOrEqual(16);
    const places = await sessionCounters(workshop.id);
    expect([places.confirmed_count, places.waiting_count]).toEqual([places.confirmed, places.waiting]);
    expect(places.confirmed).toBeLessThanOrEqual(4);
    // The repair statement, run now, finds nothing to correct.
    expect(await repository.repairSeatCounters(event.id)).toBe(false);
  });

  it('keeps the seats of a lowered capacity, gives none past it, and fills up to a raised one', async () => {
    const event = await insertEvent(t.db, { capacity: 5 });
    const placed = [];
    for (let i = 0; i < 8; i += 1) placed.push(await delegates.register(event.id, someone()));
    await events.update(event.id, { capacity: 3 });
    const seated = await registrationOf(placed[0].id);
    await delegates.cancel(seated);
    // Four seats held against a capacity of three: the cancelled seat is not given again.
    expect(await eventCounters(event.id)).toMatchObject({ confirmed_count: 4, confirmed: 4, waiting_count: 3 });
    const late = await delegates.register(event.id, someone());
    expect(late.status).toBe('waitlisted');
    await events.update(event.id, { capacity: 7 });
    expect(await delegates.fillFreeSeats(event.id)).toBe(3);
    expect(await eventCounters(event.id)).toMatchObject({ confirmed_count: 7, confirmed: 7, waiting_count: 1, waiting: 1 });
  });

  it('refuses a claim past the capacity at the database, whatever the statement', async () => {
    const event = await insertEvent(t.db, { capacity: 1 });
    await delegates.register(event.id, someone());
    await expect(t.db.query(`UPDATE events SET confirmed_count = confirmed_count + 1 WHERE id = $1`, [event.id])).rejects.toThrow(
      /ck_events_seat_counters/,
    );
  });

  it('repairs counters that drifted from the rows', async () => {
    const event = await insertEvent(t.db, { capacity: 10 });
    for (let i = 0; i < 4; i += 1) await delegates.register(event.id, someone());
    await t.db.query(`UPDATE events SET confirmed_count = 9, waiting_count = 2 WHERE id = $1`, [event.id]);
    expect(await repository.repairSeatCounters(event.id)).toBe(true);
    expect(await eventCounters(event.id)).toMatchObject({ confirmed_count: 4, waiting_count: 0 });
    expect(await repository.repairSeatCounters(event.id)).toBe(false);
  });
});
