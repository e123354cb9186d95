import { randomBytes } from 'node:crypto';
import { DelegatesService } from '../../src/registrations/delegates.service.js';
import type { Registration } from '../../src/registrations/registration.entity.js';
import { insertEvent } from '../factories/db-fixtures.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/**
 * The registration capacity rules at the service level: DelegatesService and its real
 * repository on real PostgreSQL, called directly (no HTTP, no rate limits, no request
 * parsing), many at once, so only the seat lock and the statements decide.
 */
describe('registration capacity rules (medium)', () => {
  let t: TestApp;
  let delegates: DelegatesService;
  beforeAll(async () => {
    t = await createTestApp();
    delegates = t.app.get(DelegatesService);
  });
  afterAll(async () => {
    await t.close();
  });

  const someone = (organisation = 'Leeds City Council') => {
    const id = randomBytes(4).toString('hex');
    return { name: `Delegate ${id}`, email: `d-${id}@example.org`, organisation, consent: true as const };
  };

  it('hands out exactly the seats, and the waiting list in positions 1..n, to simultaneous registrations', async () => {
    const event = await insertEvent(t.db, { capacity: 5 });
    const outcomes = await Promise.all(Array.from({ length: 30 }, () => delegates.register(event.id, someone())));
    expect(outcomes.filter((o) => o.status === 'confirmed')).toHaveLength(5);
    const positions = outcomes.flatMap((o) => (o.status === 'waitlisted' ? [o.waitlistPosition] : []));
    expect(positions.sort((a, b) => a! - b!)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('holds the per-organisation cap under the same rush, and spares the other organisations', async () => {
    const event = await insertEvent(t.db, { capacity: 50, perOrganisationCap: 2 });
    const outcomes = await Promise.all([
      ...Array.from({ length: 8 }, () => delegates.register(event.id, someone('Leeds City Council'))),
      ...Array.from({ length: 3 }, () => delegates.register(event.id, someone('Bradford Council'))),
    ]);
    const confirmed = outcomes.filter((o) => o.status === 'confirmed');
    expect(confirmed).toHaveLength(4);
    const waiting = outcomes.filter((o) => o.status === 'waitlisted');
    expect(waiting).toHaveLength(7);
    const rows = await t.db.query<Array<{ organisation: string; status: string }>>(
      `SELECT organisation, status FROM registrations WHERE event_id = $1 AND status = 'confirmed'`,
      [event.id],
    );
    expect(rows.filter((r) => r.organisation === 'Leeds City Council')).toHaveLength(2);
    expect(rows.filter((r) => r.organisation === 'Bradford Council')).toHaveLength(2);
  });

  it('creates nothing for a repeated address, however it is written', async () => {
    const event = await insertEvent(t.db, { capacity: 10 });
    const first = await delegates.register(event.id, { ...someone(), email: 'jo.smith@example.org' });
    const again = await Promise.all(
      ['Jo.Smith@Example.org', ' jo.smith+meeting@example.org ', 'jo.smith@example.org'].map((email) =>
        delegates.register(event.id, { ...someone(), email }),
      ),
    );
    expect(first.created).toBe(true);
    expect(again.map((o) => [o.created, o.id])).toEqual(again.map(() => [false, first.id]));
    const [{ n }] = await t.db.query<Array<{ n: number }>>(
      'SELECT count(*)::int AS n FROM registrations WHERE event_id = $1',
      [event.id],
    );
    expect(n).toBe(1);
  });

  it('gives a freed seat to the first in the queue, once, when several cancel at once', async () => {
    const event = await insertEvent(t.db, { capacity: 3 });
    const placed = [];
    for (let i = 0; i < 6; i += 1) placed.push(await delegates.register(event.id, someone()));
    const seated = placed.filter((o) => o.status === 'confirmed');
    const rows = await t.db.query<Registration[]>(
      `SELECT id, event_id AS "eventId", status FROM registrations WHERE id = ANY($1::uuid[])`,
      [seated.map((o) => o.id)],
    );
    await Promise.all(rows.slice(0, 2).map((row) => delegates.cancel(row)));
    const after = await t.db.query<Array<{ id: string; status: string }>>(
      `SELECT id, status FROM registrations WHERE event_id = $1 ORDER BY created_at`,
      [event.id],
    );
    const waitingInOrder = placed.filter((o) => o.status === 'waitlisted').map((o) => o.id);
    const statusOf = (id: string) => after.find((r) => r.id === id)?.status;
    expect(after.filter((r) => r.status === 'confirmed')).toHaveLength(3);
    expect(waitingInOrder.map(statusOf)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
  });
});
