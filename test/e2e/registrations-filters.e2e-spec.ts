import { insertEvent, insertMember, insertRegistration, insertSession } from '../factories/db-fixtures.js';
import { newStaff } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('the attendee list’s filters and counts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('filters by checked in and by workshop, counts places left, and refuses a bad filter', async () => {
    const organiser = await newStaff(t);
    const event = await insertEvent(t.db, { capacity: 5 });
    await insertMember(t.db, event.id, organiser.id, 'organiser');
    const workshop = await insertSession(t.db, event, { title: 'Power mapping' });
    await insertRegistration(t.db, event.id, { name: 'Arrived', checkedInAt: new Date() });
    const inWorkshop = await insertRegistration(t.db, event.id, { name: 'In Workshop' });
    await insertRegistration(t.db, event.id, { name: 'Waiting', status: 'waitlisted', waitlistSeq: '1' });
    await t.db.query(`INSERT INTO session_signups (session_id, registration_id, status) VALUES ($1, $2, 'confirmed')`, [
      workshop.id,
      inWorkshop.registration.id,
    ]);
    const names = async (query: string) => {
      const response = await t.http
        .get(`/api/events/${event.id}/registrations?${query}`)
        .set(organiser.auth)
        .expect(200);
      return (response.body as { items: Array<{ name: string }> }).items.map((r) => r.name);
    };

    expect(await names('checkedIn=true')).toEqual(['Arrived']);
    expect(await names('checkedIn=false')).toEqual(['In Workshop', 'Waiting']);
    expect(await names(`sessionId=${workshop.id}`)).toEqual(['In Workshop']);
    expect(await names(`sessionId=${workshop.id}&checkedIn=true`)).toEqual([]);
    await t.http.get(`/api/events/${event.id}/registrations?checkedIn=maybe`).set(organiser.auth).expect(400);
    await t.http.get(`/api/events/${event.id}/registrations?sessionId=x`).set(organiser.auth).expect(400);

    const csv = await t.http.get(`/api/events/${event.id}/registrations?format=csv&checkedIn=true`).set(organiser.auth);
    expect(csv.text).toContain('Arrived');
    expect(csv.text).not.toContain('In Workshop');

    const counts = await t.http.get(`/api/events/${event.id}/registrations/counts`).set(organiser.auth).expect(200);
    expect(counts.body).toEqual({ placesLeft: 3, confirmed: 2, waitlisted: 1, cancelled: 0, checkedIn: 1, total: 3 });
  });
});
