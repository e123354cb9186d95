import { newEvent } from '../factories/events.factory.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/**
 * Staff rights end when they should: every staff request is checked against the account as
 * it is now (exists, active, admin flag, token version), not as it was when the token was signed.
 */
describe('staff rights that end', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
    admin = { Authorization: `Bearer ${await t.adminToken()}` };
  });
  afterAll(async () => {
    await t.close();
  });

  const eventBody = () => ({
    title: 'Spring meeting',
    timezone: 'Europe/London',
    startsAt: '2031-05-01T09:00:00Z',
    endsAt: '2031-05-02T17:00:00Z',
    capacity: 10,
  });

  const loginToken = async (email: string, password: string): Promise<string> => {
    const response = await t.http.post('/api/auth/login').send({ email, password }).expect(200);
    return (response.body as { accessToken: string }).accessToken;
  };

  it("refuses a deleted user's token (401) on every staff route", async () => {
    const gone = await newStaff(t);
    await t.db.query('DELETE FROM users WHERE id = $1', [gone.id]);
    await t.http.post('/api/events').set(gone.auth).send(eventBody()).expect(401);
    await t.http.get('/api/auth/me').set(gone.auth).expect(401);
  });

  it("takes the admin flag from the account: a demoted admin's token gets 403", async () => {
    const promoted = await newStaff(t);
    await t.db.query('UPDATE users SET is_admin = true WHERE id = $1', [promoted.id]);
    const adminToken = { Authorization: `Bearer ${await loginToken(promoted.email, promoted.password)}` };
    const account = (n: number) => ({
      email: `made-${n}-${Date.now()}@example.org`,
      name: 'Made',
      password: 'long enough password',
    });
    await t.http.post('/api/users').set(adminToken).send(account(1)).expect(201);
    await t.db.query('UPDATE users SET is_admin = false WHERE id = $1', [promoted.id]);
    await t.http.post('/api/users').set(adminToken).send(account(2)).expect(403);
    // And the other way: the flag given after sign-in counts at once.
    await t.db.query('UPDATE users SET is_admin = true WHERE id = $1', [promoted.id]);
    await t.http.post('/api/users').set(adminToken).send(account(3)).expect(201);
  });

  it('sign-out ends the token it was sent with (and every other token of the account)', async () => {
    const staff = await newStaff(t);
    const second = { Authorization: `Bearer ${await loginToken(staff.email, staff.password)}` };
    await t.http.get('/api/auth/me').set(staff.auth).expect(200);
    await t.http.post('/api/auth/sign-out').set(staff.auth).expect(204);
    await t.http.get('/api/auth/me').set(staff.auth).expect(401);
    await t.http.get('/api/auth/me').set(second).expect(401);
    // A new sign-in works again.
    const fresh = { Authorization: `Bearer ${await loginToken(staff.email, staff.password)}` };
    await t.http.get('/api/auth/me').set(fresh).expect(200);
  });

  it('a password change needs the current password and ends the old tokens', async () => {
    const staff = await newStaff(t);
    const wrong = await t.http
      .post('/api/auth/password')
      .set(staff.auth)
      .send({ currentPassword: 'not the password', newPassword: 'a brand new password' })
      .expect(403);
    expect(wrong.body.message).toMatch(/current password/i);
    await t.http
      .post('/api/auth/password')
      .set(staff.auth)
      .send({ currentPassword: staff.password, newPassword: 'short' })
      .expect(400);
    await t.http.get('/api/auth/me').set(staff.auth).expect(200);

    const changed = await t.http
      .post('/api/auth/password')
      .set(staff.auth)
      .send({ currentPassword: staff.password, newPassword: 'a brand new password' })
      .expect(200);
    await t.http.get('/api/auth/me').set(staff.auth).expect(401);
    // The answer carries a token for the new password, so the caller carries on.
    const next = { Authorization: `Bearer ${(changed.body as { accessToken: string }).accessToken}` };
    await t.http.get('/api/auth/me').set(next).expect(200);
    await t.http.post('/api/auth/login').send({ email: staff.email, password: staff.password }).expect(401);
    await loginToken(staff.email, 'a brand new password');
  });

  it('an admin deactivates an account (its tokens and its login end) and reactivates it', async () => {
    const staff = await newStaff(t);
    await t.http.post(`/api/users/${staff.id}/deactivate`).set(staff.auth).expect(403);
    const off = await t.http.post(`/api/users/${staff.id}/deactivate`).set(admin).expect(200);
    expect(off.body).toMatchObject({ id: staff.id, active: false });
    await t.http.get('/api/auth/me').set(staff.auth).expect(401);
    const login = await t.http.post('/api/auth/login').send({ email: staff.email, password: staff.password });
    expect(login.status).toBe(401);

    const on = await t.http.post(`/api/users/${staff.id}/reactivate`).set(admin).expect(200);
    expect(on.body).toMatchObject({ active: true });
    // The old token stays ended; a new sign-in works.
    await t.http.get('/api/auth/me').set(staff.auth).expect(401);
    await loginToken(staff.email, staff.password);
    await t.http.post(`/api/users/00000000-0000-4000-8000-000000000000/deactivate`).set(admin).expect(404);
    await t.http.post(`/api/users/not-a-uuid/deactivate`).set(admin).expect(400);
  });

  it('the last active administrator cannot be deactivated', async () => {
    const [{ id }] = await t.db.query<Array<{ id: string }>>(`SELECT id FROM users WHERE email = $1`, [
      t.config.adminEmail,
    ]);
    await t.db.query('UPDATE users SET is_admin = false WHERE id <> $1', [id]);
    const refused = await t.http.post(`/api/users/${id}/deactivate`).set(admin).expect(409);
    expect(refused.body.message).toMatch(/last active administrator/i);
    await t.http.get('/api/auth/me').set(admin).expect(200);
  });

  describe('event members', () => {
    let organiser: StaffUser;
    let helper: StaffUser;
    let eventId: string;
    beforeAll(async () => {
      organiser = await newStaff(t);
      helper = await newStaff(t);
      eventId = (await newEvent(t, organiser)).id;
    });

    it('a removed member loses the event on their next request', async () => {
      await t.http
        .post(`/api/events/${eventId}/members`)
        .set(organiser.auth)
        .send({ email: helper.email, role: 'organiser' })
        .expect(201);
      await t.http.get(`/api/events/${eventId}/members`).set(helper.auth).expect(200);
      await t.http.delete(`/api/events/${eventId}/members/${helper.id}`).set(organiser.auth).expect(204);
      await t.http.get(`/api/events/${eventId}/members`).set(helper.auth).expect(403);
      await t.http.patch(`/api/events/${eventId}`).set(helper.auth).send({ title: 'Mine now' }).expect(403);
      // A draft of an event one no longer belongs to is not shown either.
      await t.http.get(`/api/events/${eventId}`).set(helper.auth).expect(404);
      await t.http.delete(`/api/events/${eventId}/members/${helper.id}`).set(organiser.auth).expect(404);
    });

    it('never removes or demotes the last organiser (409 with the reason)', async () => {
      const removed = await t.http.delete(`/api/events/${eventId}/members/${organiser.id}`).set(organiser.auth);
      expect(removed.status).toBe(409);
      expect(removed.body.message).toMatch(/last organiser/i);
      const demoted = await t.http
        .post(`/api/events/${eventId}/members`)
        .set(organiser.auth)
        .send({ email: organiser.email, role: 'facilitator' });
      expect(demoted.status).toBe(409);
      expect(demoted.body.message).toMatch(/last organiser/i);
      await t.http.get(`/api/events/${eventId}/members`).set(organiser.auth).expect(200);
    });

    it('two organisers removing each other at once leave one organiser', async () => {
      const other = await newStaff(t);
      await t.http
        .post(`/api/events/${eventId}/members`)
        .set(organiser.auth)
        .send({ email: other.email, role: 'organiser' })
        .expect(201);
      const answers = await Promise.all([
        t.http.delete(`/api/events/${eventId}/members/${other.id}`).set(organiser.auth),
        t.http.delete(`/api/events/${eventId}/members/${organiser.id}`).set(other.auth),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([204, 409]);
      const [{ n }] = await t.db.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM event_members WHERE event_id = $1 AND role = 'organiser'`,
        [eventId],
      );
      expect(n).toBe(1);
    });
  });

  it('access tokens live an hour unless configured otherwise', async () => {
    const staff = await newStaff(t);
    const claims = JSON.parse(Buffer.from(staff.token.split('.')[1], 'base64url').toString()) as {
      iat: number;
      exp: number;
    };
    expect(claims.exp - claims.iat).toBe(3600);
  });
});
