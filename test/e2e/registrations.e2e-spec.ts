import type { Event } from '../../src/events/event.entity.js';
import { BackgroundWork } from '../../src/platform/background/background-work.js';
import { insertEvent, insertMember, insertSession } from '../factories/db-fixtures.js';
import { register, registrationBody } from '../factories/registrations.factory.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import type { CapturedMail } from '../setup/smtp-capture.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const HOUR = 3600 * 1000;

async function mailTo(t: TestApp, email: string, match: (m: CapturedMail) => boolean): Promise<CapturedMail> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = t.mail.messages.find((m) => m.to.some((r) => r.toLowerCase() === email.toLowerCase()) && match(m));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No matching email to ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The captured emails from the `from`-th on that match, once there are `count` of them. */
async function waitForMail(
  t: TestApp,
  from: number,
  count: number,
  match: (m: CapturedMail) => boolean,
): Promise<CapturedMail[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = t.mail.messages.slice(from).filter(match);
    if (found.length >= count) return found;
    if (Date.now() > deadline) throw new Error(`Expected ${count} matching emails, got ${found.length}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const tokenIn = (mail: CapturedMail): string => /\/r\/([A-Za-z0-9_-]{43})/.exec(mail.text)![1];

describe('registrations', () => {
  let t: TestApp;
  let organiser: StaffUser;
  let event: Event;

  beforeAll(async () => {
    t = await createTestApp();
    organiser = await newStaff(t);
  });
  afterAll(async () => {
    await t.close();
  });

  async function organisedEvent(overrides: Partial<Event> = {}): Promise<Event> {
    const created = await insertEvent(t.db, overrides);
    await insertMember(t.db, created.id, organiser.id, 'organiser');
    return created;
  }

  beforeAll(async () => {
    event = await organisedEvent({ capacity: 2, title: 'Practice Network Annual Meeting' });
  });

  describe('register', () => {
    it('confirms within capacity and sends the link and the outcome by email only, with an .ics', async () => {
      const body = registrationBody({ email: '  Ana.Silva@Example.ORG ', dietaryNeeds: 'vegetarian' });
      const response = await t.http.post(`/api/events/${event.id}/registrations`).send(body).expect(202);
      expect(response.body).toEqual({
        message: 'We have emailed the link to A…@Example.ORG; it says whether you have a place.',
      });

      const mail = await mailTo(t, 'ana.silva@example.org', (m) => m.subject.includes('is confirmed'));
      // As typed (the domain's case carries no meaning; the mailer writes it lower-case).
      expect(mail.to).toEqual(['Ana.Silva@example.org']);
      expect(mail.text).toContain('You have a place at Practice Network Annual Meeting');
      const token = tokenIn(mail);
      expect(response.text).not.toContain(token);
      const ics = mail.attachments.find((a) => a.mimeType.startsWith('text/calendar'));
      expect(ics?.content).toContain('BEGIN:VEVENT');
      expect(ics?.content).toContain('Practice Network Annual Meeting');

      const me = await t.http.get('/api/registrations/me').set('Authorization', `Bearer ${token}`);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        status: 'confirmed',
        email: 'Ana.Silva@Example.ORG',
        dietaryNeeds: 'vegetarian',
        event: { id: event.id, title: 'Practice Network Annual Meeting' },
        workshops: [],
        calendarUrl: `http://plenary.test/api/events/${event.id}/agenda.ics`,
      });
    });

    it('answers a repeated address byte for byte like a new one and emails its owner their current link', async () => {
      const open = await organisedEvent({ capacity: 5, title: 'Repeat Meeting' });
      const body = registrationBody({ email: 'jo.repeat@example.org' });
      const post = () => t.http.post(`/api/events/${open.id}/registrations`).send(body);
      const first = await post();
      const owner = await register(t, open.id, { email: 'Owner@Example.org', name: 'Owner' });
      const repeated = await post();
      for (const response of [first, repeated]) {
        expect(response.status).toBe(202);
        expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      }
      expect(repeated.text).toBe(first.text);
      expect(repeated.headers['content-length']).toBe(first.headers['content-length']);

      // The owner's address in other forms: still one registration, still the owner's link.
      const before = t.mail.messages.length;
      for (const [email, shown] of [
        ['owner+again@example.org', 'o…@example.org'],
        [' OWNER@example.org', 'O…@example.org'],
      ]) {
        const again = await t.http
          .post(`/api/events/${open.id}/registrations`)
          .send(registrationBody({ email, name: 'Someone Else' }))
          .expect(202);
        expect(again.body).toEqual({
          message: `We have emailed the link to ${shown}; it says whether you have a place.`,
        });
      }
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM registrations WHERE event_id = $1`, [open.id]);
      expect(n).toBe(2);
      const links = await waitForMail(
        t,
        before,
        2,
        (m) => m.subject.startsWith('Your personal link') && m.to[0].toLowerCase() === 'owner@example.org',
      );
      for (const link of links) {
        expect(link.to).toEqual(['Owner@example.org']);
        expect(tokenIn(link)).toBe(owner.token);
        expect(link.text).toContain('You have a place at Repeat Meeting');
      }
      const me = await t.http.get('/api/registrations/me').set(owner.auth).expect(200);
      expect(me.body).toMatchObject({ name: 'Owner', email: 'Owner@Example.org' });
    });

    it('waitlists beyond capacity with positions that close up when someone leaves the queue', async () => {
      await register(t, event.id);
      const first = await register(t, event.id);
      const second = await register(t, event.id);
      expect([first.status, first.waitlistPosition, first.waitlistReason]).toEqual(['waitlisted', 1, 'event_full']);
      expect(second.waitlistPosition).toBe(2);
      await mailTo(t, first.email, (m) => m.subject.includes('waiting list'));

      await t.http.delete('/api/registrations/me').set(first.auth).expect(204);
      const me = await t.http.get('/api/registrations/me').set(second.auth).expect(200);
      expect(me.body.waitlistPosition).toBe(1);
      const cancelled = await t.http.get('/api/registrations/me').set(first.auth).expect(200);
      expect(cancelled.body.status).toBe('cancelled');
    });

    it('lets nobody overtake the queue when the capacity is raised', async () => {
      const raised = await organisedEvent({ capacity: 1 });
      await register(t, raised.id);
      const b = await register(t, raised.id);
      const c = await register(t, raised.id);
      expect([b.waitlistPosition, c.waitlistPosition]).toEqual([1, 2]);
      await t.db.query(`UPDATE events SET capacity = 3 WHERE id = $1`, [raised.id]);
      // The next arrival moves the queue up first; the seats go to b and c, not to the newcomer.
      const d = await register(t, raised.id);
      expect([d.status, d.waitlistPosition]).toEqual(['waitlisted', 1]);
      for (const promoted of [b, c]) {
        const me = await t.http.get('/api/registrations/me').set(promoted.auth).expect(200);
        expect(me.body.status).toBe('confirmed');
      }

      // Or an organiser moves the queue up at once.
      await t.db.query(`UPDATE events SET capacity = 4 WHERE id = $1`, [raised.id]);
      const filled = await t.http
        .post(`/api/events/${raised.id}/registrations/fill-free-seats`)
        .set(organiser.auth)
        .expect(200);
      expect(filled.body).toEqual({ promoted: 1 });
      expect((await t.http.get('/api/registrations/me').set(d.auth).expect(200)).body.status).toBe('confirmed');
      await t.http.post(`/api/events/${raised.id}/registrations/fill-free-seats`).expect(401);
    });

    it('lets someone who cancelled register again with the same email', async () => {
      const again = await organisedEvent({ capacity: 1 });
      const first = await register(t, again.id, { email: 'back@example.org', dietaryNeeds: 'vegan' });
      await t.http.post(`/api/events/${again.id}/registrations/${first.id}/check-in`).set(organiser.auth).expect(200);
      // Cancelling withdraws mail not yet sent, so let the first welcome go out before.
      await mailTo(t, 'back@example.org', (m) => m.subject.includes('is confirmed'));
      await t.http.delete('/api/registrations/me').set(first.auth).expect(204);
      const second = await register(t, again.id, { email: 'back@example.org', name: 'Back Again' });
      expect([second.id, second.status]).toEqual([first.id, 'confirmed']);
      await t.http.get('/api/registrations/me').set(first.auth).expect(401);
      const me = await t.http.get('/api/registrations/me').set(second.auth).expect(200);
      expect(me.body).toMatchObject({ name: 'Back Again', dietaryNeeds: null, checkedInAt: null, cancelledAt: null });
      await t.http
        .post(`/api/events/${again.id}/registrations`)
        .send(registrationBody({ email: 'back@example.org' }))
        .expect(202);
      const welcomes = async () =>
        t.mail.to('back@example.org').filter((m) => m.subject.includes('is confirmed')).length;
      const deadline = Date.now() + 15_000;
      while ((await welcomes()) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await welcomes()).toBe(2);
    });

    it('refuses bad input with field messages and changes nothing', async () => {
      const before = await t.db.query(`SELECT count(*) FROM registrations`);
      const noConsent = await t.http
        .post(`/api/events/${event.id}/registrations`)
        .send(registrationBody({ consent: false }))
        .expect(400);
      expect(JSON.stringify(noConsent.body.message)).toContain('consent must be true');
      await t.http
        .post(`/api/events/${event.id}/registrations`)
        .send({ ...registrationBody(), isAdmin: true })
        .expect(400);
      await t.http
        .post(`/api/events/${event.id}/registrations`)
        .send(registrationBody({ email: 'not-an-email' }))
        .expect(400);
      await t.http.post(`/api/events/not-a-uuid/registrations`).send(registrationBody()).expect(400);
      expect(await t.db.query(`SELECT count(*) FROM registrations`)).toEqual(before);
    });

    it('is open only for published events inside the registration window', async () => {
      const draft = await organisedEvent({ status: 'draft', publishedAt: null });
      await t.http.post(`/api/events/${draft.id}/registrations`).send(registrationBody()).expect(404);
      const notYet = await organisedEvent({ registrationOpensAt: new Date(Date.now() + HOUR) });
      const early = await t.http.post(`/api/events/${notYet.id}/registrations`).send(registrationBody()).expect(422);
      expect(early.body.message).toContain('Registration opens at');
      const closed = await organisedEvent({
        registrationOpensAt: new Date(Date.now() - 2 * HOUR),
        registrationClosesAt: new Date(Date.now() - HOUR),
      });
      await t.http.post(`/api/events/${closed.id}/registrations`).send(registrationBody()).expect(422);
      const cancelled = await organisedEvent({ status: 'cancelled' });
      await t.http.post(`/api/events/${cancelled.id}/registrations`).send(registrationBody()).expect(422);
    });

    it('waitlists over the per-organisation cap with the reason, and promotes within the cap', async () => {
      const capped = await organisedEvent({ capacity: 10, perOrganisationCap: 1 });
      const a = await register(t, capped.id, { organisation: 'City Council' });
      const b = await register(t, capped.id, { organisation: '  city council ' });
      const c = await register(t, capped.id, { organisation: 'Health Trust' });
      expect([a.status, b.status, b.waitlistReason, c.status]).toEqual([
        'confirmed',
        'waitlisted',
        'organisation_cap',
        'confirmed',
      ]);
      await t.http.delete('/api/registrations/me').set(a.auth).expect(204);
      const me = await t.http.get('/api/registrations/me').set(b.auth).expect(200);
      expect(me.body.status).toBe('confirmed');
      await mailTo(t, b.email, (m) => m.subject.startsWith('A place opened up'));
    });

    it('limits registrations per mailbox, whatever its +tag', async () => {
      const body = registrationBody({ email: 'limit@example.org' });
      const statuses: number[] = [];
      for (let i = 0; i < 11; i += 1) {
        const email = `limit+${i}@example.org`;
        statuses.push((await t.http.post(`/api/events/${event.id}/registrations`).send({ ...body, email })).status);
      }
      expect(statuses.slice(0, 10)).toEqual(Array.from({ length: 10 }, () => 202));
      expect(statuses[10]).toBe(429);
    });
  });

  describe('resend-link', () => {
    it('answers 202 for anyone and emails a registered address its current link, which keeps working', async () => {
      const open = await organisedEvent({ capacity: 5, title: 'Resend Meeting' });
      const delegate = await register(t, open.id);
      const before = t.mail.messages.length;
      await t.http
        .post(`/api/events/${open.id}/registrations/resend-link`)
        .send({ email: 'nobody@example.org' })
        .expect(202);
      await t.http
        .post(`/api/events/${open.id}/registrations/resend-link`)
        .send({ email: delegate.email.toUpperCase() })
        .expect(202);
      const [mail] = await waitForMail(t, before, 1, (m) => m.subject.startsWith('Your personal link'));
      expect(mail.to).toEqual([delegate.email]);
      expect(tokenIn(mail)).toBe(delegate.token);
      expect(mail.text).toContain('You have a place at Resend Meeting');
      await t.http.get('/api/registrations/me').set(delegate.auth).expect(200);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(t.mail.to('nobody@example.org')).toHaveLength(0);
    });

    it('sends at most REGISTRATION_LINK_MAILS_PER_HOUR link emails an hour to one registration', async () => {
      const open = await organisedEvent({ capacity: 5 });
      const delegate = await register(t, open.id);
      const before = t.mail.messages.length;
      for (let i = 0; i < 6; i += 1) {
        const email = i % 2 === 0 ? delegate.email : delegate.email.replace('@', `+${i}@`);
        await t.http.post(`/api/events/${open.id}/registrations/resend-link`).send({ email }).expect(202);
      }
      const cap = t.config.registrationLinkMailsPerHour;
      await waitForMail(t, before, cap, (m) => m.subject.startsWith('Your personal link'));
      // Every request's work has run (it runs after the answer).
      await t.app.get(BackgroundWork).settled();
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM notifications WHERE registration_id = $1 AND kind = 'registration-link'`,
        [delegate.id],
      );
      expect(n).toBe(cap);
      await t.http.get('/api/registrations/me').set(delegate.auth).expect(200);
    });
  });

  describe('the personal-link page', () => {
    it('shows the registration, signs up for workshops and cancels with plain forms', async () => {
      const venue = await organisedEvent({ capacity: 5, title: 'Page <Test> Meeting' });
      const workshop = await insertSession(t.db, venue, { capacity: 2, title: 'Canvas & Co' });
      const delegate = await register(t, venue.id, { name: '<b>Ana</b>' });
      const page = await t.http.get(`/r/${delegate.token}`).expect(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.text).toContain('You have a place.');
      expect(page.text).toContain('&lt;b&gt;Ana&lt;/b&gt;');
      expect(page.text).toContain('Page &lt;Test&gt; Meeting');
      expect(page.text).toContain('2 of 2 places left');

      // Page forms must come from the site's own pages (the Origin check).
      const form = (path: string) => t.http.post(path).set('Origin', 'http://plenary.test').type('form').send('');
      const joined = await form(`/r/${delegate.token}/workshops/${workshop.id}/join`);
      expect(joined.status).toBe(303);
      expect(joined.headers.location).toBe(`/r/${delegate.token}`);
      expect((await t.http.get(`/r/${delegate.token}`).expect(200)).text).toContain('1 of 2 places left');

      const confirm = await t.http.get(`/r/${delegate.token}?cancel=1`).expect(200);
      expect(confirm.text).toContain('Yes, cancel my registration');
      await form(`/r/${delegate.token}/cancel`).expect(303);
      expect((await t.http.get(`/r/${delegate.token}`).expect(200)).text).toContain('Your registration is cancelled.');
      const refused = await form(`/r/${delegate.token}/workshops/${workshop.id}/join`);
      expect(refused.status).toBe(409);
      expect(refused.text).toContain('cancelled');

      await t.http.get(`/r/${'x'.repeat(43)}`).expect(404);
      await t.http.get('/r/short').expect(404);
    });
  });

  describe('workshops', () => {
    let conference: Event;
    beforeAll(async () => {
      conference = await organisedEvent({ capacity: 3 });
    });

    it('gives places up to capacity, queues the rest, and promotes when a place is freed', async () => {
      const workshop = await insertSession(t.db, conference, { capacity: 1, title: 'Movement Building Canvas' });
      const [a, b] = [await register(t, conference.id), await register(t, conference.id)];
      const first = await t.http.put(`/api/registrations/me/sessions/${workshop.id}`).set(a.auth).expect(200);
      expect(first.body).toEqual({ sessionId: workshop.id, status: 'confirmed' });
      // Signing up again changes nothing.
      await t.http.put(`/api/registrations/me/sessions/${workshop.id}`).set(a.auth).expect(200);
      const second = await t.http.put(`/api/registrations/me/sessions/${workshop.id}`).set(b.auth).expect(200);
      expect(second.body).toEqual({ sessionId: workshop.id, status: 'waitlisted', waitlistPosition: 1 });

      await t.http.delete(`/api/registrations/me/sessions/${workshop.id}`).set(a.auth).expect(204);
      const me = await t.http.get('/api/registrations/me').set(b.auth).expect(200);
      expect(me.body.workshops).toEqual([
        expect.objectContaining({ sessionId: workshop.id, status: 'confirmed', title: 'Movement Building Canvas' }),
      ]);
      await mailTo(t, b.email, (m) => m.subject.includes('Movement Building Canvas'));
    });

    it('moves the workshop queue up before a newcomer when places were added', async () => {
      const roomy = await organisedEvent({ capacity: 10 });
      const workshop = await insertSession(t.db, roomy, { capacity: 1 });
      const [a, b, c] = [await register(t, roomy.id), await register(t, roomy.id), await register(t, roomy.id)];
      for (const d of [a, b]) await t.http.put(`/api/registrations/me/sessions/${workshop.id}`).set(d.auth).expect(200);
      await t.db.query(`UPDATE sessions SET capacity = 2 WHERE id = $1`, [workshop.id]);
      const late = await t.http.put(`/api/registrations/me/sessions/${workshop.id}`).set(c.auth).expect(200);
      expect(late.body).toEqual({ sessionId: workshop.id, status: 'waitlisted', waitlistPosition: 1 });
      const me = await t.http.get('/api/registrations/me').set(b.auth).expect(200);
      expect(me.body.workshops[0].status).toBe('confirmed');
    });

    it('refuses overlapping workshops, non-workshops, other events’ sessions and waitlisted delegates', async () => {
      const start = new Date(conference.startsAt.getTime() + 5 * HOUR);
      const morning = await insertSession(t.db, conference, {
        startsAt: start,
        endsAt: new Date(start.getTime() + HOUR),
      });
      const overlapping = await insertSession(t.db, conference, {
        startsAt: new Date(start.getTime() + HOUR / 2),
        endsAt: new Date(start.getTime() + 2 * HOUR),
        title: 'Overlapping',
      });
      const keynote = await insertSession(t.db, conference, { kind: 'keynote', capacity: null });
      const elsewhere = await insertSession(t.db, await organisedEvent(), {});
      const delegate = await register(t, conference.id);
      await t.http.put(`/api/registrations/me/sessions/${morning.id}`).set(delegate.auth).expect(200);
      const clash = await t.http.put(`/api/registrations/me/sessions/${overlapping.id}`).set(delegate.auth).expect(409);
      expect(clash.body.message).toContain('overlaps');
      await t.http.put(`/api/registrations/me/sessions/${keynote.id}`).set(delegate.auth).expect(422);
      await t.http.put(`/api/registrations/me/sessions/${elsewhere.id}`).set(delegate.auth).expect(404);

      const waiting = await register(t, conference.id);
      expect(waiting.status).toBe('waitlisted');
      const refused = await t.http.put(`/api/registrations/me/sessions/${morning.id}`).set(waiting.auth).expect(409);
      expect(refused.body.message).toContain('waiting list');
    });

    it('frees workshop places when a delegate cancels', async () => {
      const small = await organisedEvent({ capacity: 5 });
      const workshop = await insertSession(t.db, small, { capacity: 1 });
      const [a, b] = [await register(t, small.id), await register(t, small.id)];
      await t.http.put(`/api/registrations/me/sessions/${workshop.id}`).set(a.auth).expect(200);
      await t.http.put(`/api/registrations/me/sessions/${workshop.id}`).set(b.auth).expect(200);
      await t.http.delete('/api/registrations/me').set(a.auth).expect(204);
      await t.http.delete('/api/registrations/me').set(a.auth).expect(204);
      const me = await t.http.get('/api/registrations/me').set(b.auth).expect(200);
      expect(me.body.workshops[0].status).toBe('confirmed');
    });
  });

  describe('organisers', () => {
    let list: Event;
    let delegates: Awaited<ReturnType<typeof register>>[];
    beforeAll(async () => {
      list = await organisedEvent({ capacity: 2 });
      delegates = [
        await register(t, list.id, {
          name: 'Zoë Ångström',
          organisation: '=HYPERLINK("x")',
          accessNeeds: 'wheelchair',
        }),
        await register(t, list.id, { name: 'Bea Byrne', organisation: 'Health Trust' }),
        await register(t, list.id, { name: 'Cai Chen', organisation: 'Health Trust' }),
      ];
    });

    it('lists with status filter and search, including access and dietary needs', async () => {
      const all = await t.http.get(`/api/events/${list.id}/registrations`).set(organiser.auth).expect(200);
      expect(all.body.total).toBe(3);
      expect(all.body.items[0]).toMatchObject({ name: 'Zoë Ångström', accessNeeds: 'wheelchair', status: 'confirmed' });
      const waiting = await t.http
        .get(`/api/events/${list.id}/registrations?status=waitlisted`)
        .set(organiser.auth)
        .expect(200);
      expect(
        waiting.body.items.map((i: { name: string; waitlistPosition: number }) => [i.name, i.waitlistPosition]),
      ).toEqual([['Cai Chen', 1]]);
      const search = await t.http.get(`/api/events/${list.id}/registrations?q=health`).set(organiser.auth).expect(200);
      expect(search.body.total).toBe(2);
      const literal = await t.http.get(`/api/events/${list.id}/registrations?q=%25`).set(organiser.auth).expect(200);
      expect(literal.body.total).toBe(0);
      await t.http.get(`/api/events/${list.id}/registrations?status=bogus`).set(organiser.auth).expect(400);
    });

    it('is for the event’s organisers only', async () => {
      const other = await newStaff(t);
      await t.http.get(`/api/events/${list.id}/registrations`).expect(401);
      await t.http.get(`/api/events/${list.id}/registrations`).set(other.auth).expect(403);
      await t.http.get(`/api/events/${list.id}/registrations`).set(delegates[0].auth).expect(401);
      const facilitator = await newStaff(t);
      await insertMember(t.db, list.id, facilitator.id, 'facilitator');
      await t.http.get(`/api/events/${list.id}/registrations`).set(facilitator.auth).expect(403);
      await t.http.get(`/api/events/${list.id}/registrations/counts`).set(facilitator.auth).expect(403);
    });

    it('streams CSV with a BOM and neutralised formulas', async () => {
      const response = await t.http
        .get(`/api/events/${list.id}/registrations?format=csv`)
        .set(organiser.auth)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(response.headers['content-type']).toContain('text/csv');
      expect(response.headers['content-disposition']).toContain('attachment');
      const body = response.body as Buffer;
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = body.toString('utf8').slice(1);
      const lines = text.trim().split(/\r?\n/);
      expect(lines[0]).toContain('access needs');
      expect(lines).toHaveLength(4);
      expect(text).toContain('Zoë Ångström');
      expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    });

    it('exports thousands of rows in batches, each once, in registration order', async () => {
      const big = await organisedEvent({ capacity: 5000 });
      // Written in one statement, so they share created_at: the export's cursor must break ties by id.
      await t.db.query(
        `INSERT INTO registrations (event_id, name, email, email_canonical, consented_at, status, token_hash)
         SELECT $1, 'Delegate ' || n, 'bulk-' || n || '@example.org', 'bulk-' || n || '@example.org', now(),
                'confirmed', md5(random()::text || n)
         FROM generate_series(1, 1234) AS n`,
        [big.id],
      );
      const response = await t.http
        .get(`/api/events/${big.id}/registrations?format=csv`)
        .set(organiser.auth)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const lines = (response.body as Buffer).toString('utf8').trim().split(/\r?\n/).slice(1);
      expect(lines).toHaveLength(1234);
      expect(new Set(lines.map((line) => line.split(',')[0])).size).toBe(1234);
    });

    it('counts by status and checks in once, recording when and by whom', async () => {
      const [a, , c] = delegates;
      const first = await t.http
        .post(`/api/events/${list.id}/registrations/${a.id}/check-in`)
        .set(organiser.auth)
        .expect(200);
      expect(first.body).toMatchObject({ alreadyCheckedIn: false, checkedInById: organiser.id });
      const again = await t.http
        .post(`/api/events/${list.id}/registrations/${a.id}/check-in`)
        .set(organiser.auth)
        .expect(200);
      expect(again.body).toMatchObject({ alreadyCheckedIn: true, checkedInAt: first.body.checkedInAt });
      await t.http.post(`/api/events/${list.id}/registrations/${c.id}/check-in`).set(organiser.auth).expect(409);
      await t.http.post(`/api/events/${list.id}/registrations/${event.id}/check-in`).set(organiser.auth).expect(404);
      const counts = await t.http.get(`/api/events/${list.id}/registrations/counts`).set(organiser.auth).expect(200);
      expect(counts.body).toEqual({ placesLeft: 0, confirmed: 2, waitlisted: 1, cancelled: 0, checkedIn: 1, total: 3 });
    });

    it('erases a delegate’s personal data, ends their link and keeps the counts', async () => {
      const b = delegates[1];
      await t.http.post(`/api/events/${list.id}/registrations/${b.id}/erase`).set(organiser.auth).expect(204);
      await t.http.post(`/api/events/${list.id}/registrations/${b.id}/erase`).set(organiser.auth).expect(204);
      const row = await t.http.get(`/api/events/${list.id}/registrations/${b.id}`).set(organiser.auth).expect(200);
      expect(row.body).toMatchObject({
        name: 'Erased delegate',
        organisation: null,
        accessNeeds: null,
        dietaryNeeds: null,
        status: 'confirmed',
        erasedAt: expect.any(String),
      });
      expect(row.body.email).not.toContain('example.org');
      const leftovers = await t.db.query(`SELECT count(*)::int AS n FROM notifications WHERE recipient = $1`, [
        b.email,
      ]);
      expect(leftovers[0].n).toBe(0);
      await t.http.get('/api/registrations/me').set(b.auth).expect(401);
      const sealed = await t.db.query(`SELECT token_sealed FROM registrations WHERE id = $1`, [b.id]);
      expect(sealed[0].token_sealed).toBeNull();
      const counts = await t.http.get(`/api/events/${list.id}/registrations/counts`).set(organiser.auth).expect(200);
      expect(counts.body.total).toBe(3);
      expect(counts.body.confirmed).toBe(2);
    });
  });

  it('documents its routes in OpenAPI', async () => {
    const doc = await t.http.get('/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/events/{eventId}/registrations',
        '/api/events/{eventId}/registrations/resend-link',
        '/api/events/{eventId}/registrations/{registrationId}/check-in',
        '/api/registrations/me',
        '/api/registrations/me/sessions/{sessionId}',
      ]),
    );
  });

  it('never shows a delegate anyone else’s data', async () => {
    const me = await t.http
      .get('/api/registrations/me')
      .set((await register(t, event.id)).auth)
      .expect(200);
    expect(JSON.stringify(me.body)).not.toContain('ana.silva');
  });
});
