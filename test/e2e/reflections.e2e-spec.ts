import { insertEvent, insertMember, insertRegistration, insertSession } from '../factories/db-fixtures.js';
import { newStaff } from '../factories/staff.factory.js';
import { Browser } from '../setup/staff-browser.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const MINUTE = 60_000;

describe('reflections on attended sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
  });
  afterAll(async () => {
    await t.close();
  });

  async function setUp() {
    const organiser = await newStaff(t);
    const start = new Date(Date.now() - 120 * MINUTE);
    const event = await insertEvent(t.db, { startsAt: start, endsAt: new Date(start.getTime() + 8 * 60 * MINUTE) });
    await insertMember(t.db, event.id, organiser.id, 'organiser');
    const keynote = await insertSession(t.db, event, {
      title: 'Opening keynote',
      kind: 'keynote',
      startsAt: start,
      endsAt: new Date(start.getTime() + 60 * MINUTE),
      capacity: null,
    });
    const missed = await insertSession(t.db, event, {
      title: 'Closing panel',
      kind: 'panel',
      startsAt: new Date(start.getTime() + 6 * 60 * MINUTE),
      endsAt: new Date(start.getTime() + 7 * 60 * MINUTE),
      capacity: null,
    });
    const amara = await insertRegistration(t.db, event.id, { name: 'Amara Okafor' });
    const ben = await insertRegistration(t.db, event.id, { name: 'Ben Other' });
    for (const who of [amara, ben]) {
      await t.db.query(
        `INSERT INTO session_check_ins (session_id, registration_id, checked_in_at) VALUES ($1, $2, now())`,
        [keynote.id, who.registration.id],
      );
    }
    return { organiser, event, keynote, missed, amara, ben };
  }

  const stored = (registrationId: string) =>
    t.db.query<Array<{ session_id: string; learned: string; applying: string }>>(
      `SELECT session_id, learned, applying FROM session_reflections WHERE registration_id = $1`,
      [registrationId],
    );

  it('is written from the personal page, kept as the delegate wrote it, edited, and removed when emptied', async () => {
    const { keynote, amara } = await setUp();
    const delegate = new Browser(t);
    const home = `/r/${amara.token}`;
    const path = `${home}/reflections/${keynote.id}`;

    expect((await delegate.get(home)).text).toContain('Write a reflection on “Opening keynote”');
    const blank = await delegate.get(path);
    expect(blank.status).toBe(200);
    expect(blank.headers['cache-control']).toContain('no-store');
    expect(blank.text).toContain('Your reflection on “Opening keynote”');
    expect(blank.text).toContain('<label for="learned">What I learned</label>');
    expect(blank.text).toContain('<label for="applying">How I will use it in my practice</label>');

    const saved = await delegate.post(path, {
      learned: 'Asking about strengths first changes the conversation.',
      applying: 'I will open home visits with it.',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(home);
    const after = await delegate.get(home);
    expect(after.text).toContain('Your reflection has been saved to your CPD record.');
    expect(after.text).toContain('Edit your reflection on “Opening keynote”');
    expect(await stored(amara.registration.id)).toEqual([
      {
        session_id: keynote.id,
        learned: 'Asking about strengths first changes the conversation.',
        applying: 'I will open home visits with it.',
      },
    ]);
    const again = await delegate.get(path);
    expect(again.text).toContain('Asking about strengths first changes the conversation.</textarea>');
    expect(again.text).toContain('Last saved');

    expect((await delegate.post(path, { learned: 'Strengths first.', applying: '' })).status).toBe(303);
    expect((await stored(amara.registration.id))[0]).toMatchObject({ learned: 'Strengths first.', applying: '' });

    const removed = await delegate.post(path, { learned: '  ', applying: '' });
    expect(removed.status).toBe(303);
    expect((await delegate.get(home)).text).toContain('Your reflection has been removed.');
    expect(await stored(amara.registration.id)).toEqual([]);
  });

  it('refuses what it cannot keep with the input kept, and changes nothing', async () => {
    const { keynote, missed, amara } = await setUp();
    const delegate = new Browser(t);
    const path = `/r/${amara.token}/reflections/${keynote.id}`;
    await delegate.post(path, { learned: 'Kept.', applying: 'Kept too.' });

    const tooLong = await delegate.post(path, { learned: 'x'.repeat(2001), applying: 'Changed' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain('Keep “What I learned” to 2,000 characters.');
    expect(tooLong.text).toContain('class="error-summary"');
    expect(tooLong.text).toContain('>Changed</textarea>');

    const notAttended = await delegate.post(`/r/${amara.token}/reflections/${missed.id}`, {
      learned: 'I was not there.',
      applying: '',
    });
    expect(notAttended.status).toBe(404);
    expect(notAttended.headers['content-type']).toContain('text/html');
    expect((await delegate.get(`/r/${amara.token}/reflections/${missed.id}`)).status).toBe(404);
    expect((await delegate.get(`/r/${amara.token}/reflections/not-a-session`)).status).toBe(404);
    expect((await delegate.get(`/r/not-a-token/reflections/${keynote.id}`)).status).toBe(404);

    const crossSite = await delegate.post(
      path,
      { learned: 'From elsewhere', applying: '' },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);

    expect(await stored(amara.registration.id)).toEqual([
      { session_id: keynote.id, learned: 'Kept.', applying: 'Kept too.' },
    ]);
  });

  it('stays the delegate’s own: another delegate and the team never see it, and erasure deletes it', async () => {
    const { organiser, event, keynote, amara, ben } = await setUp();
    const secret = 'I had never thought about my own bias here.';
    await new Browser(t).post(`/r/${amara.token}/reflections/${keynote.id}`, { learned: secret, applying: '' });

    const otherForm = await new Browser(t).get(`/r/${ben.token}/reflections/${keynote.id}`);
    expect(otherForm.status).toBe(200);
    expect(otherForm.text).not.toContain(secret);

    const team = new Browser(t);
    await team.signIn(organiser);
    for (const page of [
      `/staff/events/${event.id}/delegates/${amara.registration.id}`,
      `/staff/events/${event.id}/attendance`,
      `/staff/events/${event.id}/feedback/results`,
    ]) {
      const seen = await team.get(page);
      expect(seen.status).toBe(200);
      expect(seen.text).not.toContain(secret);
    }
    const exported = await t.http.get(`/api/events/${event.id}/registrations?format=csv`).set(organiser.auth);
    expect(exported.status).toBe(200);
    expect(exported.text).toContain('Amara Okafor');
    expect(exported.text).not.toContain(secret);

    await t.http
      .post(`/api/events/${event.id}/registrations/${amara.registration.id}/erase`)
      .set(organiser.auth)
      .expect((res) => expect(res.status).toBeLessThan(300));
    expect(await stored(amara.registration.id)).toEqual([]);
  });
});
