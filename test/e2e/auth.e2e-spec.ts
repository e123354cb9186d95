import { KeyRing } from '../../src/platform/crypto/key-ring.js';
import { createHmac } from 'node:crypto';
import { newStaff } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('staff login and tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimitLogin: 5 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('logs in with the right password and reads /me without the password hash', async () => {
    const staff = await newStaff(t, { email: 'Organiser@Example.org' });
    expect(staff.email).toBe('Organiser@Example.org');
    const me = await t.http.get('/api/auth/me').set(staff.auth).expect(200);
    expect(me.body).toMatchObject({ email: 'organiser@example.org', isAdmin: false });
    expect(JSON.stringify(me.body)).not.toMatch(/argon2|passwordHash/);
  });

  it('refuses a wrong password and an unknown email with the same message', async () => {
    await newStaff(t, { email: 'known@example.org' });
    const wrong = await t.http.post('/api/auth/login').send({ email: 'known@example.org', password: 'not it at all' });
    const unknown = await t.http
      .post('/api/auth/login')
      .send({ email: 'nobody@example.org', password: 'not it at all' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  it('throttles repeated logins for one email with 429 and Retry-After', async () => {
    const attempts = [];
    for (let i = 0; i < 7; i++) {
      attempts.push(await t.http.post('/api/auth/login').send({ email: 'target@example.org', password: `guess-${i}` }));
    }
    expect(attempts.slice(0, 5).map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect(attempts[5].status).toBe(429);
    expect(Number(attempts[5].headers['retry-after'])).toBeGreaterThan(0);
    expect(attempts[5].body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
  });

  it('refuses forged, expired and alg:none tokens', async () => {
    const staff = await newStaff(t);
    const [header, payload] = staff.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;

    const forgedPayload = base64url({ ...claims, adm: true });
    const forged = `${header}.${forgedPayload}.${staff.token.split('.')[2]}`;
    const none = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, adm: true })}.`;
    // Signed with the real key and its id, so only the expiry can refuse them.
    const { id: kid, key } = t.app.get(KeyRing).current('staff-token');
    const expiredBody = `${base64url({ alg: 'HS256', typ: 'JWT', kid })}.${base64url({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 })}`;
    const expired = `${expiredBody}.${createHmac('sha256', key).update(expiredBody).digest('base64url')}`;
    const noExpiryBody = `${base64url({ alg: 'HS256', typ: 'JWT', kid })}.${base64url({ sub: claims.sub, email: claims.email, adm: true })}`;
    const noExpiry = `${noExpiryBody}.${createHmac('sha256', key).update(noExpiryBody).digest('base64url')}`;

    for (const token of [forged, none, expired, noExpiry, 'not-a-jwt']) {
      const response = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(401);
    }
    await t.http.get('/api/auth/me').set(staff.auth).expect(200);
  });

  it('lets only an admin create staff accounts', async () => {
    const staff = await newStaff(t);
    const response = await t.http
      .post('/api/users')
      .set(staff.auth)
      .send({ email: 'new@example.org', name: 'New', password: 'long enough password' });
    expect(response.status).toBe(403);
    await t.http
      .post('/api/users')
      .send({ email: 'new@example.org', name: 'New', password: 'long enough password' })
      .expect(401);
  });

  it('answers a duplicate account with 409', async () => {
    const admin = { Authorization: `Bearer ${await t.adminToken()}` };
    const body = { email: 'dup@example.org', name: 'Dup', password: 'long enough password' };
    await t.http.post('/api/users').set(admin).send(body).expect(201);
    const again = await t.http
      .post('/api/users')
      .set(admin)
      .send({ ...body, email: ' DUP@example.org ' })
      .expect(409);
    expect(again.body.message).toMatch(/already exists/);
  });
});

describe('bad input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ bodyLimitBytes: 4096 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('rejects unknown fields and wrong types with field messages', async () => {
    const admin = { Authorization: `Bearer ${await t.adminToken()}` };
    const response = await t.http
      .post('/api/users')
      .set(admin)
      .send({ email: 42, name: 'X', password: 'long enough password', isAdmin: true })
      .expect(400);
    expect(response.body.statusCode).toBe(400);
    expect(response.body.error).toBe('Bad Request');
    expect(response.body.message).toEqual(
      expect.arrayContaining([expect.stringMatching(/^email/), expect.stringMatching(/isAdmin should not exist/)]),
    );
    const count = await t.db.query('SELECT count(*)::int AS n FROM users WHERE is_admin');
    expect(count[0].n).toBe(1);
  });

  it('answers malformed JSON with 400 in the standard shape', async () => {
    const response = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"email":');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('answers an oversized body with 413', async () => {
    const response = await t.http.post('/api/auth/login').send({ email: 'a@b.org', password: 'x'.repeat(10_000) });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });

  it('does not reveal internals for a prototype-polluting body', async () => {
    const response = await t.http
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email":"a@b.org","password":"x","__proto__":{"isAdmin":true}}');
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});
