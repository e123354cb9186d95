import { newEvent } from '../factories/events.factory.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { Browser, setCookies } from '../setup/staff-browser.js';

describe('staff sign-in in the browser', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ staffSessionIdleMinutes: 30, staffSessionMaxHours: 8 });
  });
  afterAll(async () => {
    await t.close();
  });

  const passwordStillWorks = async (staff: StaffUser, password: string): Promise<boolean> =>
    (await t.http.post('/api/auth/login').send({ email: staff.email, password })).status === 200;

  it('signs in with the right password: an HttpOnly, SameSite=Lax session cookie, then My events', async () => {
    const staff = await newStaff(t);
    const event = await newEvent(t, staff, { title: 'Spring Assembly' });
    const browser = new Browser(t);
    const page = await browser.get('/staff/sign-in');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toMatch(/<label for="email">/);
    expect(browser.csrf).not.toBe('');

    const signedIn = await browser.post('/staff/sign-in', { email: staff.email, password: staff.password });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/staff');
    const cookie = setCookies(signedIn).get('plenary_staff') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=28800/);
    expect(cookie).not.toMatch(/Secure/);
    // Only the token's hash is kept.
    const [row] = await t.db.query<Array<{ token_hash: string }>>(
      'SELECT token_hash FROM staff_sessions WHERE user_id = $1',
      [staff.id],
    );
    expect(row.token_hash).not.toBe(browser.cookieValue('plenary_staff'));

    const home = await browser.get('/staff');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Spring Assembly');
    expect(home.text).toContain('Draft');
    expect(home.text).toContain(staff.email);
    expect(home.text).toMatch(/<form method="post" action="\/staff\/sign-out"/);
    expect(home.headers['cache-control']).toMatch(/no-store/);
    expect(event.status).toBe('draft');
  });

  it('a wrong password re-renders the form with the error (HTML, 401), keeping the email', async () => {
    const staff = await newStaff(t);
    const browser = new Browser(t);
    await browser.get('/staff/sign-in');
    const wrong = await browser.post('/staff/sign-in', { email: staff.email, password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/text\/html/);
    expect(wrong.text).toContain('The email or password is not right.');
    expect(wrong.text).toContain(`value="${staff.email}"`);
    expect(wrong.text).not.toContain('not the password');
    expect(setCookies(wrong).has('plenary_staff')).toBe(false);
    const blank = await browser.post('/staff/sign-in', { email: 'not an email', password: '' });
    expect(blank.status).toBe(400);
    expect(blank.headers['content-type']).toMatch(/text\/html/);
    expect(blank.text).toMatch(/class="error-summary"/);
  });

  it('a staff page without a session sends the browser to sign in; the API never takes the cookie', async () => {
    const anonymous = await t.http.get('/staff');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/staff/sign-in');
    const staff = await newStaff(t);
    const browser = new Browser(t);
    await browser.signIn(staff);
    await t.http.get('/api/auth/me').set('Cookie', browser.cookie).expect(401);
  });

  it('refuses a POST without the CSRF token (403 page) and changes nothing', async () => {
    const staff = await newStaff(t);
    const browser = new Browser(t);
    await browser.signIn(staff);
    const form = { currentPassword: staff.password, newPassword: 'a new password of mine' };
    const noToken = await browser.post('/staff/password', form, { csrf: false });
    expect(noToken.status).toBe(403);
    expect(noToken.headers['content-type']).toMatch(/text\/html/);
    const forged = await browser.post('/staff/password', { ...form, _csrf: 'forged-token' }, { csrf: false });
    expect(forged.status).toBe(403);
    const otherSite = await browser.post('/staff/password', form, { origin: 'https://evil.example' });
    expect(otherSite.status).toBe(403);
    expect(await passwordStillWorks(staff, staff.password)).toBe(true);
    // A sign-in form posted from elsewhere (login CSRF) is refused too.
    const stranger = new Browser(t);
    const planted = await stranger.post(
      '/staff/sign-in',
      { email: staff.email, password: staff.password },
      { csrf: false },
    );
    expect(planted.status).toBe(403);
    expect(setCookies(planted).has('plenary_staff')).toBe(false);
    // The session still works: the refusals did nothing.
    expect((await browser.get('/staff')).status).toBe(200);
  });

  it('sign-out ends the session: the old cookie is refused on the next request', async () => {
    const staff = await newStaff(t);
    const browser = new Browser(t);
    await browser.signIn(staff);
    const stolen = browser.cookie;
    await browser.get('/staff');
    const out = await browser.post('/staff/sign-out', {});
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/staff/sign-in');
    const replayed = await t.http.get('/staff').set('Cookie', stolen);
    expect(replayed.status).toBe(303);
    expect(replayed.headers.location).toBe('/staff/sign-in');
  });

  it("a removed organiser's live session loses the event on the next request", async () => {
    const lead = await newStaff(t);
    const helper = await newStaff(t);
    const event = await newEvent(t, lead, { title: 'Helpers Meeting' });
    await t.http
      .post(`/api/events/${event.id}/members`)
      .set(lead.auth)
      .send({ email: helper.email, role: 'organiser' })
      .expect(201);
    const browser = new Browser(t);
    await browser.signIn(helper);
    expect((await browser.get('/staff')).text).toContain('Helpers Meeting');
    await t.http.delete(`/api/events/${event.id}/members/${helper.id}`).set(lead.auth).expect(204);
    const after = await browser.get('/staff');
    expect(after.status).toBe(200);
    expect(after.text).not.toContain('Helpers Meeting');
  });

  it('a password change ends every other session and token; this browser carries on', async () => {
    const staff = await newStaff(t);
    const here = new Browser(t);
    const elsewhere = new Browser(t);
    await here.signIn(staff);
    await elsewhere.signIn(staff);
    await here.get('/staff/password');
    const wrong = await here.post('/staff/password', {
      currentPassword: 'nope',
      newPassword: 'a new password of mine',
    });
    expect(wrong.status).toBe(403);
    expect(wrong.text).toContain('The current password is not right.');
    const changed = await here.post('/staff/password', {
      currentPassword: staff.password,
      newPassword: 'a new password of mine',
    });
    expect(changed.status).toBe(303);
    expect((await here.get('/staff')).status).toBe(200);
    expect((await elsewhere.get('/staff')).status).toBe(303);
    await t.http.get('/api/auth/me').set(staff.auth).expect(401);
    expect(await passwordStillWorks(staff, 'a new password of mine')).toBe(true);
  });

  it('deactivation and the API sign-out end browser sessions at once', async () => {
    const admin = { Authorization: `Bearer ${await t.adminToken()}` };
    const deactivated = await newStaff(t);
    const signsOut = await newStaff(t);
    const one = new Browser(t);
    const two = new Browser(t);
    await one.signIn(deactivated);
    await two.signIn(signsOut);
    await t.http.post(`/api/users/${deactivated.id}/deactivate`).set(admin).expect(200);
    await t.http.post('/api/auth/sign-out').set(signsOut.auth).expect(204);
    expect((await one.get('/staff')).status).toBe(303);
    expect((await two.get('/staff')).status).toBe(303);
  });

  it('a session ends after its idle timeout and at its absolute lifetime', async () => {
    const staff = await newStaff(t);
    const idle = new Browser(t);
    const old = new Browser(t);
    await idle.signIn(staff);
    await old.signIn(staff);
    const sessions = await t.db.query<Array<{ id: string }>>(
      'SELECT id FROM staff_sessions WHERE user_id = $1 ORDER BY created_at',
      [staff.id],
    );
    expect(sessions).toHaveLength(2);
    // Moved back in the database rather than waited for: 31 minutes idle; past the absolute end.
    await t.db.query(`UPDATE staff_sessions SET last_seen_at = now() - interval '31 minutes' WHERE id = $1`, [
      sessions[0].id,
    ]);
    await t.db.query(`UPDATE staff_sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      sessions[1].id,
    ]);
    const answers = [(await idle.get('/staff')).status, (await old.get('/staff')).status];
    expect(answers).toEqual([303, 303]);
  });
});

describe('staff sign-in over https', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ appUrl: 'https://plenary.test' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('the session cookie is Secure and __Host- prefixed', async () => {
    const staff = await newStaff(t);
    const page = await t.http.get('/staff/sign-in');
    const csrfCookie = [...setCookies(page).values()][0];
    expect(csrfCookie).toMatch(/^__Host-plenary_csrf=.*Secure/);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const signedIn = await t.http
      .post('/staff/sign-in')
      .set('Cookie', csrfCookie.split(';')[0])
      .set('Origin', 'https://plenary.test')
      .type('form')
      .send({ email: staff.email, password: staff.password, _csrf: token });
    expect(signedIn.status).toBe(303);
    const cookie = setCookies(signedIn).get('__Host-plenary_staff') ?? '';
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Domain=/);
  });
});
