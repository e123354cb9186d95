import { addSession, newEvent, publishEvent } from '../factories/events.factory.js';
import { insertRegistration } from '../factories/db-fixtures.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('events', () => {
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

  describe('create', () => {
    it('creates a draft with a slug from the title and makes the creator organiser', async () => {
      const event = await newEvent(t, organiser, { title: 'Réunion Annuelle 2026' });
      expect(event).toMatchObject({ status: 'draft', slug: 'reunion-annuelle-2026', timezone: 'Europe/London' });
      const again = await newEvent(t, organiser, { title: 'Réunion Annuelle 2026' });
      expect(again.slug).toBe('reunion-annuelle-2026-2');
      const members = await t.http.get(`/api/events/${event.id}/members`).set(organiser.auth).expect(200);
      expect(members.body).toEqual([expect.objectContaining({ userId: organiser.id, role: 'organiser' })]);
    });

    it('takes an explicit slug and refuses a taken or malformed one', async () => {
      const event = await newEvent(t, organiser, { slug: 'spring-gathering' });
      expect(event.slug).toBe('spring-gathering');
      const taken = await t.http
        .post('/api/events')
        .set(organiser.auth)
        .send({ ...base(), slug: 'spring-gathering' })
        .expect(409);
      expect(taken.body.message).toContain('spring-gathering');
      await t.http
        .post('/api/events')
        .set(organiser.auth)
        .send({ ...base(), slug: 'Not A Slug' })
        .expect(400);
    });

    it('refuses an unknown time zone, reversed dates and unknown fields', async () => {
      const tz = await t.http
        .post('/api/events')
        .set(organiser.auth)
        .send({ ...base(), timezone: 'Mars/Olympus' })
        .expect(422);
      expect(tz.body.message).toMatch(/IANA time zone/);
      const dates = await t.http
        .post('/api/events')
        .set(organiser.auth)
        .send({ ...base(), startsAt: '2030-05-02T09:00:00Z', endsAt: '2030-05-01T09:00:00Z' })
        .expect(422);
      expect(dates.body.message).toBe('startsAt must be before endsAt.');
      await t.http
        .post('/api/events')
        .set(organiser.auth)
        .send({ ...base(), startsAt: '2030-05-01' })
        .expect(400);
      await t.http
        .post('/api/events')
        .set(organiser.auth)
        .send({ ...base(), hacker: true })
        .expect(400);
      await t.http
        .post('/api/events')
        .set(organiser.auth)
        .send({ ...base(), capacity: -1 })
        .expect(400);
    });

    it('needs a logged-in staff user', async () => {
      await t.http.post('/api/events').send(base()).expect(401);
    });
  });

  describe('visibility', () => {
    it('hides drafts from the public and from other staff, shows them to their staff', async () => {
      const draft = await newEvent(t, organiser);
      await t.http.get(`/api/events/${draft.id}`).expect(404);
      await t.http.get(`/api/events/${draft.slug}`).expect(404);
      await t.http.get(`/api/events/${draft.id}`).set(outsider.auth).expect(404);
      await t.http.get(`/api/events/${draft.slug}`).set(organiser.auth).expect(200);

      const publicList = await t.http.get('/api/events?limit=100').expect(200);
      expect(publicList.body.items.map((e: { id: string }) => e.id)).not.toContain(draft.id);
      const staffList = await t.http.get('/api/events?limit=100').set(organiser.auth).expect(200);
      expect(staffList.body.items.map((e: { id: string }) => e.id)).toContain(draft.id);

      await publishEvent(t, organiser, draft.id);
      const got = await t.http.get(`/api/events/${draft.slug}`).expect(200);
      expect(got.body).toMatchObject({ id: draft.id, status: 'published', publishedAt: expect.any(String) });
      const after = await t.http.get('/api/events?limit=100').expect(200);
      expect(after.body.items.map((e: { id: string }) => e.id)).toContain(draft.id);
      expect(after.body.total).toBeGreaterThanOrEqual(1);

      await t.http.post(`/api/events/${draft.id}/unpublish`).set(organiser.auth).expect(200);
      await t.http.get(`/api/events/${draft.id}`).expect(404);
    });
  });

  describe('who may write', () => {
    it('gives a non-member staff user 403 on every write, and the public 401', async () => {
      const event = await newEvent(t, organiser);
      const writes: Array<[string, string, object?]> = [
        ['patch', `/api/events/${event.id}`, { title: 'Mine now' }],
        ['post', `/api/events/${event.id}/publish`],
        ['post', `/api/events/${event.id}/unpublish`],
        ['post', `/api/events/${event.id}/cancel`],
        ['post', `/api/events/${event.id}/members`, { email: outsider.email, role: 'organiser' }],
        ['post', `/api/events/${event.id}/speakers`, { name: 'X' }],
        [
          'post',
          `/api/events/${event.id}/sessions`,
          { title: 'X', kind: 'talk', startsAt: event.startsAt, endsAt: event.endsAt },
        ],
      ];
      for (const [method, path, body] of writes) {
        const call = (t.http as unknown as Record<string, (p: string) => import('supertest').Test>)[method](path);
        await call
          .set(outsider.auth)
          .send(body ?? {})
          .expect(403);
        const anonymous = (t.http as unknown as Record<string, (p: string) => import('supertest').Test>)[method](path);
        await anonymous.send(body ?? {}).expect(401);
      }
    });

    it('lets an organiser add members; a facilitator may not write the agenda', async () => {
      const event = await newEvent(t, organiser);
      const facilitator = await newStaff(t);
      const added = await t.http
        .post(`/api/events/${event.id}/members`)
        .set(organiser.auth)
        .send({ email: facilitator.email.toUpperCase(), role: 'facilitator' })
        .expect(201);
      expect(added.body).toMatchObject({ userId: facilitator.id, role: 'facilitator', email: facilitator.email });
      await t.http.patch(`/api/events/${event.id}`).set(facilitator.auth).send({ title: 'x' }).expect(403);
      // A facilitator sees the draft.
      await t.http.get(`/api/events/${event.id}`).set(facilitator.auth).expect(200);

      const unknown = await t.http
        .post(`/api/events/${event.id}/members`)
        .set(organiser.auth)
        .send({ email: 'nobody@example.org', role: 'organiser' })
        .expect(404);
      expect(unknown.body.message).toMatch(/No staff account/);
      await t.http
        .post(`/api/events/${event.id}/members`)
        .set(organiser.auth)
        .send({ email: facilitator.email, role: 'boss' })
        .expect(400);

      // Promoted to organiser, they may write.
      await t.http
        .post(`/api/events/${event.id}/members`)
        .set(organiser.auth)
        .send({ email: facilitator.email, role: 'organiser' })
        .expect(201);
      await t.http.patch(`/api/events/${event.id}`).set(facilitator.auth).send({ title: 'Renamed' }).expect(200);
    });
  });

  describe('update', () => {
    it('changes fields, validates the result and keeps sessions inside the dates', async () => {
      const event = await newEvent(t, organiser);
      const updated = await t.http
        .patch(`/api/events/${event.id}`)
        .set(organiser.auth)
        .send({ venue: 'Guildhall', timezone: 'Europe/Paris', registrationOpensAt: null })
        .expect(200);
      expect(updated.body).toMatchObject({ venue: 'Guildhall', timezone: 'Europe/Paris', registrationOpensAt: null });
      await t.http.patch(`/api/events/${event.id}`).set(organiser.auth).send({ endsAt: event.startsAt }).expect(422);

      await addSession(t, organiser, event, { offsetHours: 20 });
      const shrink = await t.http
        .patch(`/api/events/${event.id}`)
        .set(organiser.auth)
        .send({ endsAt: new Date(new Date(event.startsAt).getTime() + 3 * 3600 * 1000).toISOString() })
        .expect(422);
      expect(shrink.body.message).toMatch(/outside the event/);
      await t.http.patch('/api/events/not-a-uuid').set(organiser.auth).send({}).expect(400);
      for (const field of ['title', 'slug', 'timezone', 'startsAt', 'capacity']) {
        const res = await t.http
          .patch(`/api/events/${event.id}`)
          .set(organiser.auth)
          .send({ [field]: null })
          .expect(400);
        expect(res.body.message).toContain(`${field} cannot be null`);
      }
    });
  });

  describe('cancel', () => {
    it('cancels and emails every registered delegate (confirmed and waitlisted), once', async () => {
      const event = await newEvent(t, organiser);
      await publishEvent(t, organiser, event.id);
      const a = await insertRegistration(t.db, event.id, { email: 'cancel-a@example.org', name: 'Ann' });
      await insertRegistration(t.db, event.id, {
        email: 'cancel-b@example.org',
        status: 'waitlisted',
        waitlistSeq: '1',
      });
      await insertRegistration(t.db, event.id, { email: 'cancel-c@example.org', status: 'cancelled' });

      const cancelled = await t.http.post(`/api/events/${event.id}/cancel`).set(organiser.auth).expect(200);
      expect(cancelled.body.status).toBe('cancelled');
      await t.http.post(`/api/events/${event.id}/cancel`).set(organiser.auth).expect(409);
      await t.http.post(`/api/events/${event.id}/publish`).set(organiser.auth).expect(409);

      const rows = await t.db.query(
        `SELECT recipient FROM notifications WHERE event_id = $1 AND kind = 'event-cancelled' ORDER BY recipient`,
        [event.id],
      );
      expect(rows.map((r: { recipient: string }) => r.recipient)).toEqual([
        'cancel-a@example.org',
        'cancel-b@example.org',
      ]);

      await t.mail.waitFor(2);
      const mail = t.mail.to('cancel-a@example.org');
      expect(mail).toHaveLength(1);
      expect(mail[0].subject).toContain('Cancelled');
      expect(mail[0].text).toContain(a.registration.name);
      // The public still sees the cancelled event (it was published).
      const got = await t.http.get(`/api/events/${event.id}`).expect(200);
      expect(got.body.status).toBe('cancelled');
    });
  });
});

function base() {
  return {
    title: 'Workshop Day',
    timezone: 'Europe/London',
    startsAt: '2030-05-01T09:00:00Z',
    endsAt: '2030-05-01T17:00:00Z',
    capacity: 50,
  };
}
