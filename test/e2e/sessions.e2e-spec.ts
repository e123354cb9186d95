import { addSession, addSpeaker, newEvent, publishEvent, type EventBody } from '../factories/events.factory.js';
import { insertRegistration } from '../factories/db-fixtures.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const HOUR = 3600 * 1000;

describe('sessions (the agenda rules)', () => {
  let t: TestApp;
  let organiser: StaffUser;
  let outsider: StaffUser;
  let event: EventBody;

  const at = (hours: number) => new Date(new Date(event.startsAt).getTime() + hours * HOUR).toISOString();
  const post = (body: Record<string, unknown>) =>
    t.http.post(`/api/events/${event.id}/sessions`).set(organiser.auth).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    organiser = await newStaff(t);
    outsider = await newStaff(t);
  });

  beforeEach(async () => {
    event = await newEvent(t, organiser);
  });

  afterAll(async () => {
    await t.close();
  });

  it('creates a session with speakers and returns it without their emails', async () => {
    const speaker = await addSpeaker(t, organiser, event.id, { name: 'Ada Lovelace', email: 'ada@example.org' });
    const session = await addSession(t, organiser, event, {
      title: 'Opening',
      kind: 'keynote',
      speakerIds: [speaker.id],
    });
    expect(session).toMatchObject({ title: 'Opening', kind: 'keynote', status: 'scheduled', sequence: 0 });
    expect(session.speakers).toEqual([expect.objectContaining({ id: speaker.id, name: 'Ada Lovelace' })]);
    expect(JSON.stringify(session)).not.toContain('ada@example.org');
  });

  it('refuses a session outside the event’s dates with 422, and end before start', async () => {
    const before = await post({ title: 'Early', kind: 'talk', startsAt: at(-2), endsAt: at(-1) }).expect(422);
    expect(before.body.message).toMatch(/within the event's dates/);
    expect(before.body.message).toContain('Europe/London');
    await post({ title: 'Too long', kind: 'talk', startsAt: at(1), endsAt: at(100) }).expect(422);
    const reversed = await post({ title: 'Reversed', kind: 'talk', startsAt: at(2), endsAt: at(1) }).expect(422);
    expect(reversed.body.message).toBe('startsAt must be before endsAt.');
  });

  it('refuses the same room at an overlapping time with 409 naming the other session', async () => {
    await addSession(t, organiser, event, { title: 'Keynote', room: 'Main Hall', offsetHours: 1, hours: 1 });
    const clash = await post({
      title: 'Panel',
      kind: 'panel',
      startsAt: at(1.5),
      endsAt: at(2.5),
      room: 'main hall',
    }).expect(409);
    expect(clash.body.message).toContain('"Keynote"');
    expect(clash.body.message).toContain('Main Hall');
    // Back to back is fine; another room is fine.
    await post({ title: 'Next', kind: 'talk', startsAt: at(2), endsAt: at(3), room: 'Main Hall' }).expect(201);
    await post({ title: 'Parallel', kind: 'talk', startsAt: at(1), endsAt: at(2), room: 'Room B' }).expect(201);
  });

  it('refuses a speaker in two overlapping sessions with 409 naming both', async () => {
    const grace = await addSpeaker(t, organiser, event.id, { name: 'Grace Hopper' });
    await addSession(t, organiser, event, { title: 'Compilers', room: 'Room A', speakerIds: [grace.id] });
    const clash = await post({
      title: 'Debugging',
      kind: 'talk',
      startsAt: at(1.5),
      endsAt: at(2),
      room: 'Room B',
      speakerIds: [grace.id],
    }).expect(409);
    expect(clash.body.message).toContain('Grace Hopper');
    expect(clash.body.message).toContain('"Debugging"');
    expect(clash.body.message).toContain('"Compilers"');
  });

  it('lets a break without a room span all rooms', async () => {
    await addSession(t, organiser, event, { title: 'Lunch', kind: 'break', room: null, offsetHours: 3, hours: 1 });
    await addSession(t, organiser, event, { title: 'Lunch talk', room: 'Room A', offsetHours: 3, hours: 1 });
    await addSession(t, organiser, event, { title: 'Tea', kind: 'break', room: null, offsetHours: 3, hours: 0.5 });
  });

  it('frees a room when its session is cancelled, and checks clashes again on reinstating', async () => {
    const first = await addSession(t, organiser, event, { title: 'First', room: 'Room C' });
    await t.http
      .patch(`/api/events/${event.id}/sessions/${first.id}`)
      .set(organiser.auth)
      .send({ status: 'cancelled' })
      .expect(200);
    await addSession(t, organiser, event, { title: 'Second', room: 'Room C' });
    const back = await t.http
      .patch(`/api/events/${event.id}/sessions/${first.id}`)
      .set(organiser.auth)
      .send({ status: 'scheduled' })
      .expect(409);
    expect(back.body.message).toContain('"Second"');
  });

  it('applies the rules to a moved session (not against itself)', async () => {
    const a = await addSession(t, organiser, event, { title: 'A', room: 'Room A', offsetHours: 1 });
    await addSession(t, organiser, event, { title: 'B', room: 'Room A', offsetHours: 3 });
    await t.http
      .patch(`/api/events/${event.id}/sessions/${a.id}`)
      .set(organiser.auth)
      .send({ endsAt: at(2.5) })
      .expect(200);
    const clash = await t.http
      .patch(`/api/events/${event.id}/sessions/${a.id}`)
      .set(organiser.auth)
      .send({ startsAt: at(3.5), endsAt: at(4) })
      .expect(409);
    expect(clash.body.message).toContain('"B"');
    await t.http
      .patch(`/api/events/${event.id}/sessions/${a.id}`)
      .set(organiser.auth)
      .send({ startsAt: at(-5) })
      .expect(422);
  });

  it('refuses speakers of another event and bad input', async () => {
    const other = await newEvent(t, organiser);
    const stranger = await addSpeaker(t, organiser, other.id);
    const res = await post({
      title: 'X',
      kind: 'talk',
      startsAt: at(1),
      endsAt: at(2),
      speakerIds: [stranger.id],
    }).expect(422);
    expect(res.body.message).toMatch(/not a speaker of this event/);
    await post({ title: 'X', kind: 'lecture', startsAt: at(1), endsAt: at(2) }).expect(400);
    await post({ title: 'X', kind: 'talk', startsAt: 'tomorrow', endsAt: at(2) }).expect(400);
    await post({ title: 'X', kind: 'talk', startsAt: at(1), endsAt: at(2), speakerIds: ['nope'] }).expect(400);
    await post({ title: 'X', kind: 'talk', startsAt: at(1), endsAt: at(2), capacity: -3 }).expect(400);
    await t.http.patch(`/api/events/${event.id}/sessions/not-a-uuid`).set(organiser.auth).send({}).expect(400);
    const existing = await addSession(t, organiser, event, { offsetHours: 7 });
    for (const field of ['title', 'kind', 'startsAt', 'status', 'speakerIds']) {
      await t.http
        .patch(`/api/events/${event.id}/sessions/${existing.id}`)
        .set(organiser.auth)
        .send({ [field]: null })
        .expect(400);
    }
    await t.http
      .patch(`/api/events/${event.id}/sessions/00000000-0000-4000-8000-000000000000`)
      .set(organiser.auth)
      .send({ title: 'Y' })
      .expect(404);
  });

  it('deletes a session; a non-member gets 403 on changes', async () => {
    const session = await addSession(t, organiser, event);
    await t.http
      .patch(`/api/events/${event.id}/sessions/${session.id}`)
      .set(outsider.auth)
      .send({ title: 'x' })
      .expect(403);
    await t.http.delete(`/api/events/${event.id}/sessions/${session.id}`).set(outsider.auth).expect(403);
    await t.http.delete(`/api/events/${event.id}/sessions/${session.id}`).expect(401);
    await t.http.delete(`/api/events/${event.id}/sessions/${session.id}`).set(organiser.auth).expect(204);
    await t.http.delete(`/api/events/${event.id}/sessions/${session.id}`).set(organiser.auth).expect(404);
  });

  it('refuses changes to the agenda of a cancelled event', async () => {
    await publishEvent(t, organiser, event.id);
    await t.http.post(`/api/events/${event.id}/cancel`).set(organiser.auth).expect(200);
    const res = await post({ title: 'Late', kind: 'talk', startsAt: at(1), endsAt: at(2) }).expect(409);
    expect(res.body.message).toMatch(/cancelled/);
  });

  it('moves the reminders of signed-up delegates with the session, and withdraws them when it is cancelled', async () => {
    const workshop = await addSession(t, organiser, event, {
      title: 'Workshop',
      kind: 'workshop',
      capacity: 5,
      offsetHours: 2,
    });
    await publishEvent(t, organiser, event.id);
    const delegate = await insertRegistration(t.db, event.id, { email: 'reminded@example.org' });
    await t.db.query(`INSERT INTO session_signups (session_id, registration_id, status) VALUES ($1, $2, 'confirmed')`, [
      workshop.id,
      delegate.registration.id,
    ]);
    await t.http
      .put(`/api/events/${event.id}/reminder-rules`)
      .set(organiser.auth)
      .send([{ before: 'PT1H', scope: 'session' }])
      .expect(200);
    const pending = () =>
      t.db.query(
        `SELECT send_at FROM notifications WHERE kind = 'reminder' AND recipient = 'reminded@example.org' AND status = 'pending'`,
      );
    expect((await pending()).map((r: { send_at: Date }) => r.send_at.toISOString())).toEqual([at(1)]);

    await t.http
      .patch(`/api/events/${event.id}/sessions/${workshop.id}`)
      .set(organiser.auth)
      .send({ startsAt: at(4), endsAt: at(5) })
      .expect(200);
    expect((await pending()).map((r: { send_at: Date }) => r.send_at.toISOString())).toEqual([at(3)]);

    await t.http
      .patch(`/api/events/${event.id}/sessions/${workshop.id}`)
      .set(organiser.auth)
      .send({ status: 'cancelled' })
      .expect(200);
    expect(await pending()).toEqual([]);
  });

  it('lets only one of two simultaneous bookings of a room win', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        post({ title: `Race ${i}`, kind: 'talk', startsAt: at(5), endsAt: at(6), room: 'Race Room' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
  });
});
