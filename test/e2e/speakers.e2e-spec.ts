import { addSession, addSpeaker, newEvent, publishEvent } from '../factories/events.factory.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('speakers', () => {
  let t: TestApp;
  let organiser: StaffUser;
  let outsider: StaffUser;

  beforeAll(async () => {
    t = await createTestApp();
    organiser = await newStaff(t);
    outsider = await newStaff(t);
  });

  afterAll(async () => {
    await t.close();
  });

  it('shows organisers the email and never the public', async () => {
    const event = await newEvent(t, organiser);
    const created = await addSpeaker(t, organiser, event.id, {
      name: 'Dr Ada Lovelace',
      bio: 'Analyst',
      jobTitle: 'Mathematician',
      photoUrl: 'https://example.org/ada.jpg',
      email: 'Ada@Example.org',
    });
    expect(created).toMatchObject({ name: 'Dr Ada Lovelace', email: 'ada@example.org', eventId: event.id });

    await t.http.get(`/api/events/${event.id}/speakers`).expect(404);
    await publishEvent(t, organiser, event.id);
    const list = await t.http.get(`/api/events/${event.slug}/speakers`).expect(200);
    expect(list.body).toEqual([
      {
        id: created.id,
        name: 'Dr Ada Lovelace',
        bio: 'Analyst',
        organisation: 'Network',
        jobTitle: 'Mathematician',
        photoUrl: 'https://example.org/ada.jpg',
      },
    ]);
    expect(JSON.stringify(list.body)).not.toContain('example.org/ada@');
    expect(JSON.stringify(list.body)).not.toContain('ada@example.org');
  });

  it('updates and deletes; validates input; non-members get 403', async () => {
    const event = await newEvent(t, organiser);
    const speaker = await addSpeaker(t, organiser, event.id);
    const updated = await t.http
      .patch(`/api/events/${event.id}/speakers/${speaker.id}`)
      .set(organiser.auth)
      .send({ organisation: null, jobTitle: 'Chair' })
      .expect(200);
    expect(updated.body).toMatchObject({ organisation: null, jobTitle: 'Chair' });
    await t.http
      .post(`/api/events/${event.id}/speakers`)
      .set(organiser.auth)
      .send({ name: 'X', photoUrl: 'javascript:alert(1)' })
      .expect(400);
    await t.http
      .post(`/api/events/${event.id}/speakers`)
      .set(organiser.auth)
      .send({ name: 'X', email: 'nope' })
      .expect(400);
    await t.http.post(`/api/events/${event.id}/speakers`).set(organiser.auth).send({ name: '' }).expect(400);
    await t.http
      .patch(`/api/events/${event.id}/speakers/${speaker.id}`)
      .set(organiser.auth)
      .send({ name: null })
      .expect(400);
    await t.http
      .patch(`/api/events/${event.id}/speakers/${speaker.id}`)
      .set(outsider.auth)
      .send({ name: 'x' })
      .expect(403);
    await t.http.delete(`/api/events/${event.id}/speakers/${speaker.id}`).set(outsider.auth).expect(403);
    await t.http.delete(`/api/events/${event.id}/speakers/${speaker.id}`).set(organiser.auth).expect(204);
    await t.http
      .patch(`/api/events/${event.id}/speakers/${speaker.id}`)
      .set(organiser.auth)
      .send({ name: 'x' })
      .expect(404);
  });

  it('records a speaker removed from a published agenda as a change to their sessions', async () => {
    const event = await newEvent(t, organiser);
    const speaker = await addSpeaker(t, organiser, event.id, { name: 'Leaving Speaker' });
    const session = await addSession(t, organiser, event, { title: 'Their talk', speakerIds: [speaker.id] });
    await publishEvent(t, organiser, event.id);
    await t.http.delete(`/api/events/${event.id}/speakers/${speaker.id}`).set(organiser.auth).expect(204);
    const changes = await t.http.get(`/api/events/${event.id}/agenda/changes`).expect(200);
    expect(changes.body.items).toEqual([
      expect.objectContaining({
        sessionId: session.id,
        kinds: ['speakers-changed'],
        old: { speakers: [{ id: speaker.id, name: 'Leaving Speaker' }] },
        new: { speakers: [] },
      }),
    ]);
  });
});
