import { randomUUID } from 'node:crypto';
import { CheckInTaps } from '../../src/registrations/staff-pages/check-in-taps.js';
import { insertEvent, insertMember, insertRegistration, insertSession } from '../factories/db-fixtures.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { Browser } from '../setup/staff-browser.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/** Without the tap keys: every post counts as a first tap. Used only by the control run below. */
class ForgetfulTaps extends CheckInTaps {
  override first(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

async function setUp(t: TestApp) {
  const organiser = await newStaff(t);
  const event = await insertEvent(t.db, { status: 'draft', publishedAt: null });
  await insertMember(t.db, event.id, organiser.id, 'organiser');
  const amara = await insertRegistration(t.db, event.id, { name: 'Amara Okafor', organisation: 'Northfield Trust' });
  const ben = await insertRegistration(t.db, event.id, { name: 'Ben Ashby', organisation: 'Okaf Housing' });
  const browser = new Browser(t);
  await browser.signIn(organiser);
  return { organiser, event, amara: amara.registration, ben: ben.registration, browser };
}

const checkedInAt = async (t: TestApp, registrationId: string): Promise<Date | null> => {
  const [row] = await t.db.query<Array<{ checked_in_at: Date | null }>>(
    'SELECT checked_in_at FROM registrations WHERE id = $1',
    [registrationId],
  );
  return row.checked_in_at;
};

/** The door page's check-in form for one delegate, as the browser would post it. */
function tapForm(html: string, registrationId: string): Record<string, string> {
  const form = new RegExp(
    `<form method="post" action="[^"]+/check-in" data-tap>([\\s\\S]*?value="${registrationId}"[\\s\\S]*?)</form>`,
  ).exec(html);
  if (!form) throw new Error(`no check-in form for ${registrationId}`);
  const fields: Record<string, string> = {};
  for (const [, name, value] of form[1].matchAll(/name="([^"]+)" value="([^"]*)"/g)) fields[name] = value;
  delete fields._csrf;
  return fields;
}

describe('door check-in pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('searches by a few letters of a name or organisation, checks in with one tap and undoes it', async () => {
    const { event, amara, ben, browser } = await setUp(t);
    const door = `/staff/events/${event.id}/check-in`;

    const empty = await browser.get(door);
    expect(empty.status).toBe(200);
    expect(empty.headers['content-type']).toMatch(/text\/html/);
    expect(empty.text).toContain('0 of 2 checked in');
    expect(empty.text).toContain('Type a few letters of a name or organisation.');

    // "okaf" matches Amara's surname and Ben's organisation.
    const found = await browser.get(`${door}?q=okaf`);
    expect(found.text).toContain('Amara Okafor');
    expect(found.text).toContain('Ben Ashby');
    const tap = await browser.post(door, tapForm(found.text, amara.id));
    expect(tap.status).toBe(303);
    expect(tap.headers.location).toBe(`${door}?q=okaf&shown=${amara.id}`);
    expect(await checkedInAt(t, amara.id)).not.toBeNull();
    expect(await checkedInAt(t, ben.id)).toBeNull();

    const after = await browser.get(tap.headers.location);
    expect(after.text).toContain('Saved: checked in.');
    expect(after.text).toMatch(/Amara Okafor is checked in \(\d\d:\d\d\)\./);
    expect(after.text).toContain('1 of 2 checked in');
    const undo = /name="checkedInAt" value="([^"]+)"/.exec(after.text)![1];
    const undone = await browser.post(`${door}/undo`, { registrationId: amara.id, checkedInAt: undo, q: 'okaf' });
    expect(undone.status).toBe(303);
    expect(await checkedInAt(t, amara.id)).toBeNull();
    expect((await browser.get(undone.headers.location)).text).toContain('Amara Okafor is not checked in.');
  });

  it('a double submit checks in once, and a late repeat of a tap after an undo changes nothing', async () => {
    const { event, amara, browser } = await setUp(t);
    const door = `/staff/events/${event.id}/check-in`;
    const form = tapForm((await browser.get(`${door}?q=amara`)).text, amara.id);
    const posts = await Promise.all(Array.from({ length: 6 }, () => browser.post(door, form)));
    expect(posts.map((p) => p.status)).toEqual(Array.from({ length: 6 }, () => 303));
    const first = await checkedInAt(t, amara.id);
    expect(first).not.toBeNull();
    const [{ count }] = await t.db.query<Array<{ count: string }>>(
      `SELECT count(*) FROM registrations WHERE event_id = $1 AND checked_in_at IS NOT NULL`,
      [event.id],
    );
    expect(Number(count)).toBe(1);

    await browser.post(`${door}/undo`, { registrationId: amara.id, checkedInAt: first!.toISOString() });
    expect(await checkedInAt(t, amara.id)).toBeNull();
    const late = await browser.post(door, form);
    expect(late.status).toBe(303);
    expect((await browser.get(late.headers.location)).text).toContain('That tap was saved already; nothing changed.');
    expect(await checkedInAt(t, amara.id)).toBeNull();
  });

  it('control: without the tap keys, the late repeat checks the delegate in again (the test above can fail)', async () => {
    const control = await createTestApp(
      { rateLimitDisabled: true },
      { swap: [{ provide: CheckInTaps, useClass: ForgetfulTaps }] },
    );
    try {
      const { event, amara, browser } = await setUp(control);
      const door = `/staff/events/${event.id}/check-in`;
      const form = tapForm((await browser.get(`${door}?q=amara`)).text, amara.id);
      await browser.post(door, form);
      const first = await checkedInAt(control, amara.id);
      await browser.post(`${door}/undo`, { registrationId: amara.id, checkedInAt: first!.toISOString() });
      await browser.post(door, form);
      expect(await checkedInAt(control, amara.id)).not.toBeNull();
    } finally {
      await control.close();
    }
  });

  it('refuses a post without the CSRF token (403 page) and checks nobody in', async () => {
    const { event, amara, browser } = await setUp(t);
    const door = `/staff/events/${event.id}/check-in`;
    const refused = await browser.post(door, { registrationId: amara.id, key: randomUUID() }, { csrf: false });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/text\/html/);
    const wrongToken = await browser.post(door, { registrationId: amara.id, _csrf: 'made-up' }, { csrf: false });
    expect(wrongToken.status).toBe(403);
    const crossSite = await browser.post(door, { registrationId: amara.id }, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(await checkedInAt(t, amara.id)).toBeNull();
  });

  it('the code from the QR code checks in; a wrong code, a waiting delegate and bad input are refused as pages', async () => {
    const { event, amara, browser } = await setUp(t);
    const door = `/staff/events/${event.id}/check-in`;
    await browser.get(door);
    const [{ code }] = await t.db.query<Array<{ code: string }>>(
      'SELECT check_in_code AS code FROM registrations WHERE id = $1',
      [amara.id],
    );
    const spaced = `${code.slice(0, 4)} ${code.slice(4, 8)} ${code.slice(8)}`.toLowerCase();
    const byCode = await browser.post(door, { code: spaced, key: randomUUID() });
    expect(byCode.status).toBe(303);
    expect(byCode.headers.location).toBe(`${door}?shown=${amara.id}`);
    expect(await checkedInAt(t, amara.id)).not.toBeNull();

    const unknown = await browser.post(door, { code: 'FFFF FFFF FFFF', key: randomUUID() });
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('That code is not a registration for this event; search by name instead.');
    expect(unknown.text).toContain('data-check-in');

    const waiting = await insertRegistration(t.db, event.id, {
      name: 'Wanda Wait',
      status: 'waitlisted',
      waitlistSeq: '1',
    });
    const refused = await browser.post(door, { registrationId: waiting.registration.id, key: randomUUID() });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Only delegates with a confirmed place can be checked in');
    expect(await checkedInAt(t, waiting.registration.id)).toBeNull();
    expect((await browser.get(`${door}?q=wanda`)).text).toContain('On the waiting list: cannot be checked in');

    const bad: Array<Record<string, string>> = [
      { registrationId: 'nope' },
      { registrationId: amara.id, key: 'not-a-key' },
      { code: 'x'.repeat(41) },
    ];
    for (const body of bad) {
      const answer = await browser.post(door, body);
      expect(answer.status).toBe(400);
      expect(answer.headers['content-type']).toMatch(/text\/html/);
    }
    expect((await browser.get(`${door}?sessionId=nope`)).status).toBe(400);
    expect((await browser.get(`${door}?q=${'x'.repeat(101)}`)).status).toBe(400);
  });

  it("a workshop's door: only those with a place, its own count", async () => {
    const { event, amara, ben, browser } = await setUp(t);
    const workshop = await insertSession(t.db, event, { title: 'Tenancy law clinic' });
    await t.db.query(`INSERT INTO session_signups (session_id, registration_id, status) VALUES ($1, $2, 'confirmed')`, [
      workshop.id,
      amara.id,
    ]);
    const door = `/staff/events/${event.id}/check-in`;
    const page = await browser.get(`${door}?sessionId=${workshop.id}&q=okaf`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('0 of 1 checked in');
    expect(page.text).toContain('No place in this workshop');
    const tap = await browser.post(door, tapForm(page.text, amara.id));
    expect(tap.headers.location).toBe(`${door}?sessionId=${workshop.id}&q=okaf&shown=${amara.id}`);
    const [{ count }] = await t.db.query<Array<{ count: string }>>(
      'SELECT count(*) FROM session_check_ins WHERE session_id = $1',
      [workshop.id],
    );
    expect(Number(count)).toBe(1);
    // The event's own door is another door.
    expect(await checkedInAt(t, amara.id)).toBeNull();
    const refused = await browser.post(door, { registrationId: ben.id, sessionId: workshop.id, key: randomUUID() });
    expect(refused.status).toBe(409);
  });

  it('the event’s team, as the API: a facilitator checks in at the door; other staff and another event’s organiser are refused; no session signs in', async () => {
    const { event, amara } = await setUp(t);
    const door = `/staff/events/${event.id}/check-in`;
    const other = await newStaff(t);
    const elsewhere = await newStaff(t);
    const otherEvent = await insertEvent(t.db);
    await insertMember(t.db, otherEvent.id, elsewhere.id, 'organiser');
    for (const staff of [other, elsewhere] as StaffUser[]) {
      const browser = new Browser(t);
      await browser.signIn(staff);
      const page = await browser.get(door);
      expect(page.status).toBe(403);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      await browser.get('/staff');
      const post = await browser.post(door, { registrationId: amara.id, key: randomUUID() });
      expect(post.status).toBe(403);
      expect((await t.http.get(`/api/events/${event.id}/check-in`).set(staff.auth)).status).toBe(403);
    }
    expect(await checkedInAt(t, amara.id)).toBeNull();
    const anonymous = await t.http.get(door);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/staff/sign-in');

    const facilitator = await newStaff(t);
    await insertMember(t.db, event.id, facilitator.id, 'facilitator');
    const theirs = new Browser(t);
    await theirs.signIn(facilitator);
    const page = await theirs.get(door);
    expect(page.status).toBe(200);
    expect((await theirs.post(door, { registrationId: amara.id, key: randomUUID() }, { csrf: false })).status).toBe(
      403,
    );
    expect(await checkedInAt(t, amara.id)).toBeNull();
    const tapped = await theirs.post(door, { registrationId: amara.id, key: randomUUID() });
    expect(tapped.status).toBe(303);
    expect(await checkedInAt(t, amara.id)).not.toBeNull();
    // The same through the API with the facilitator's token; the door shows no contact details.
    const search = await t.http.get(`/api/events/${event.id}/check-in?q=am`).set(facilitator.auth).expect(200);
    expect(JSON.stringify(search.body)).not.toMatch(/@example\.org/);
    // Their console lists the door.
    expect((await theirs.get('/staff')).text).toContain(`href="${door}"`);
  });

  it('serves its script and jsQR from the app itself', async () => {
    const { event, browser } = await setUp(t);
    const page = await browser.get(`/staff/events/${event.id}/check-in`);
    for (const src of [/\/assets\/jsqr\.js\?v=[\w-]+/.exec(page.text)![0], '/staff/assets/check-in.js']) {
      const script = await t.http.get(src).expect(200);
      expect(script.headers['content-type']).toMatch(/javascript/);
    }
  });
});
