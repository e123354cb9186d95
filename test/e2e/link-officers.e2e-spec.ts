import { insertAgency, insertEvent, insertMember, insertRegistration } from '../factories/db-fixtures.js';
import { newStaff } from '../factories/staff.factory.js';
import { Browser } from '../setup/staff-browser.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const TOKEN_IN_LINK = /\/link-officer\/sign-in\/([A-Za-z0-9_-]{43})/;

describe('link officers', () => {
  let t: TestApp;
  let agencyA: string;
  let agencyB: string;

  const addAgency = (name: string, officer: string) => insertAgency(t.db, name, officer);

  const signInLink = async (email: string, already: number): Promise<string> => {
    const mail = await t.mail.waitForMessage(
      email,
      (m) => m.subject.includes('sign in') && t.mail.to(email).indexOf(m) >= already,
    );
    const token = TOKEN_IN_LINK.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    return token ?? '';
  };

  const signIn = async (browser: Browser, email: string): Promise<string> => {
    const before = t.mail.to(email).length;
    await browser.get('/link-officer/sign-in');
    const asked = await browser.post('/link-officer/sign-in', { email });
    expect(asked.status).toBe(303);
    return signInLink(email, before);
  };

  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
    agencyA = await addAgency('Leeds City Council', 'officer-a@leeds.example');
    agencyB = await addAgency('Bradford Council', 'officer-b@bradford.example');
    const event = await insertEvent(t.db, { startsAt: new Date(), endsAt: new Date(Date.now() + 3600_000) });
    const add = async (name: string, agencyId: string, status: 'confirmed' | 'waitlisted', attended = false) => {
      const waiting = status === 'waitlisted' ? { waitlistSeq: String(Date.now()) } : {};
      const { registration } = await insertRegistration(t.db, event.id, { name, status, ...waiting });
      await t.db.query(`UPDATE registrations SET agency_id = $2, checked_in_at = $3 WHERE id = $1`, [
        registration.id,
        agencyId,
        attended ? new Date() : null,
      ]);
    };
    await add('Ada Leeds', agencyA, 'confirmed', true);
    await add('Wendy Waiting', agencyA, 'waitlisted');
    await add('Bob Bradford', agencyB, 'confirmed');
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers the same for an unknown address and emails a known one a link that works once, through a POST', async () => {
    const browser = new Browser(t);
    await browser.get('/link-officer/sign-in');
    const unknown = await browser.post('/link-officer/sign-in', { email: 'nobody@nowhere.example' });
    const known = await browser.post('/link-officer/sign-in', { email: 'Officer-A@leeds.example' });
    expect([unknown.status, unknown.headers.location]).toEqual([known.status, known.headers.location]);
    expect(unknown.text).toBe(known.text);
    const token = await signInLink('officer-a@leeds.example', 0);
    expect(t.mail.to('nobody@nowhere.example')).toHaveLength(0);
    expect(known.text).not.toContain(token);

    // Only the hash is stored; the outbox keeps it sealed.
    const stored = await t.db.query<Array<{ token_hash: string }>>('SELECT token_hash FROM link_officer_sign_ins');
    expect(stored.map((row) => row.token_hash)).not.toContain(token);
    const outbox = await t.db.query<Array<{ data: unknown }>>(
      `SELECT data FROM notifications WHERE kind = 'link-officer-sign-in'`,
    );
    expect(JSON.stringify(outbox)).not.toContain(token);

    // Fetching the link (as a mail scanner does) uses nothing: the page only offers a button.
    const page = await browser.get(`/link-officer/sign-in/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toContain('no-store');
    expect(page.text).not.toContain(token);
    await browser.get(`/link-officer/sign-in/${token}`);
    const used = await browser.post(`/link-officer/sign-in/${token}`, {});
    expect(used.status).toBe(303);
    expect(used.headers.location).toBe('/link-officer');
    const cookie = used.headers['set-cookie'] as unknown as string[];
    expect(cookie.join('\n')).toMatch(/plenary_link_officer=[^;]+;.*HttpOnly.*SameSite=Lax/i);

    const again = new Browser(t);
    await again.get(`/link-officer/sign-in/${token}`);
    expect((await again.post(`/link-officer/sign-in/${token}`, {})).status).toBe(410);
  });

  it('refuses an expired link', async () => {
    const browser = new Browser(t);
    const token = await signIn(browser, 'officer-b@bradford.example');
    await t.db.query(`UPDATE link_officer_sign_ins SET expires_at = now() - interval '1 second'`);
    await browser.get(`/link-officer/sign-in/${token}`);
    const expired = await browser.post(`/link-officer/sign-in/${token}`, {});
    expect(expired.status).toBe(410);
    expect((await browser.get('/link-officer')).status).toBe(303);
  });

  it("shows a link officer their own agency's people only, and signing out ends the session", async () => {
    const browser = new Browser(t);
    const token = await signIn(browser, 'officer-a@leeds.example');
    await browser.get(`/link-officer/sign-in/${token}`);
    await browser.post(`/link-officer/sign-in/${token}`, {});
    const page = await browser.get('/link-officer');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Leeds City Council');
    expect(page.text).toContain('Ada Leeds');
    expect(page.text).toContain('Wendy Waiting');
    expect(page.text).not.toContain('Bob Bradford');
    expect(page.text).not.toContain('Bradford Council');
    expect(page.headers['referrer-policy']).toBe('no-referrer');

    // Another agency's hand-over is not there for them.
    const other = await browser.post(`/link-officer/agencies/${agencyB}/hand-over`, { email: 'x@leeds.example' });
    expect(other.status).toBe(404);
    expect(await officersOf(agencyB)).toEqual(['officer-b@bradford.example']);

    const out = await browser.post('/link-officer/sign-out', {});
    expect(out.status).toBe(303);
    expect((await browser.get('/link-officer')).status).toBe(303);
  });

  const officersOf = async (agencyId: string) =>
    (
      await t.db.query<Array<{ email: string }>>('SELECT email FROM link_officers WHERE agency_id = $1', [agencyId])
    ).map((row) => row.email);

  it('hands the role to a colleague, who is emailed and can sign in; the old officer no longer sees the agency', async () => {
    const browser = new Browser(t);
    const token = await signIn(browser, 'officer-a@leeds.example');
    await browser.get(`/link-officer/sign-in/${token}`);
    await browser.post(`/link-officer/sign-in/${token}`, {});
    await browser.get('/link-officer');
    const bad = await browser.post(`/link-officer/agencies/${agencyA}/hand-over`, { email: 'not an address' });
    expect(bad.status).toBe(400);
    expect(await officersOf(agencyA)).toEqual(['officer-a@leeds.example']);

    const handed = await browser.post(`/link-officer/agencies/${agencyA}/hand-over`, {
      email: 'Colleague@leeds.example',
    });
    expect(handed.status).toBe(303);
    expect(await officersOf(agencyA)).toEqual(['colleague@leeds.example']);
    await t.mail.waitForMessage('colleague@leeds.example', (m) =>
      m.subject.includes('link officer for Leeds City Council'),
    );
    const after = await browser.get('/link-officer');
    expect(after.text).not.toContain('Ada Leeds');

    const colleague = new Browser(t);
    const next = await signIn(colleague, 'colleague@leeds.example');
    await colleague.get(`/link-officer/sign-in/${next}`);
    await colleague.post(`/link-officer/sign-in/${next}`, {});
    expect((await colleague.get('/link-officer')).text).toContain('Ada Leeds');
  });

  it("lets an organiser name a second link officer, who is emailed, and end one's role", async () => {
    const organiser = await newStaff(t);
    await insertMember(t.db, (await insertEvent(t.db)).id, organiser.id, 'organiser');
    const staff = new Browser(t);
    await staff.signIn(organiser);
    const page = `/staff/agencies/${agencyB}/link-officers`;
    const listed = await staff.get(page);
    expect(listed.status).toBe(200);
    expect(listed.headers['cache-control']).toContain('no-store');
    expect(listed.text).toContain('officer-b@bradford.example');

    const bad = await staff.post(page, { email: 'nobody' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="email-error"');
    expect(bad.text).toContain('value="nobody"');
    expect(await officersOf(agencyB)).toEqual(['officer-b@bradford.example']);

    expect((await staff.post(page, { email: 'Second@Bradford.example' })).status).toBe(303);
    expect((await officersOf(agencyB)).sort()).toEqual(['officer-b@bradford.example', 'second@bradford.example']);
    const mail = await t.mail.waitForMessage('second@bradford.example', (m) =>
      m.subject.includes('link officer for Bradford Council'),
    );
    expect(mail.text).toContain("The network's organisers have made you a link officer");
    // Naming them again emails nobody and changes nothing.
    expect((await staff.post(page, { email: 'second@bradford.example' })).status).toBe(303);
    expect(t.mail.to('second@bradford.example')).toHaveLength(1);

    const second = new Browser(t);
    const token = await signIn(second, 'second@bradford.example');
    await second.get(`/link-officer/sign-in/${token}`);
    await second.post(`/link-officer/sign-in/${token}`, {});
    expect((await second.get('/link-officer')).text).toContain('Bob Bradford');

    expect((await staff.post(`${page}/remove`, { email: 'second@bradford.example' })).status).toBe(303);
    expect(await officersOf(agencyB)).toEqual(['officer-b@bradford.example']);
    expect((await second.get('/link-officer')).text).not.toContain('Bob Bradford');

    // Staff who organise no event are refused; an agency that does not exist is a 404.
    const other = new Browser(t);
    await other.signIn(await newStaff(t));
    expect((await other.get(page)).status).toBe(403);
    expect((await staff.get('/staff/agencies/00000000-0000-4000-8000-000000000000/link-officers')).status).toBe(404);
  });
});
