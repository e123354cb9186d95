import { settleOutbox } from './hardening/world.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/**
 * Login throttling that cannot be turned against an account's owner: the limit is kept per
 * (email, address), failures bring growing waits answered as 429 + Retry-After, and the
 * per-email backstop does not stop the owner's own address. The owner hears of repeated failures.
 */
describe('login throttling', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      rateLimitLogin: 10,
      loginFreeFailures: 3,
      loginEmailFailureLimit: 12,
      loginAlertFailures: 6,
      // The test client stands in for a proxy on loopback, so X-Forwarded-For gives each caller its address.
      trustProxy: '127.0.0.1/8',
    });
  });
  afterAll(async () => {
    await settleOutbox(t);
    await t.close();
  });

  const attempt = (email: string, password: string, ip: string) =>
    t.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password });

  it('an attacker at another address cannot lock the owner out, and the owner is told once', async () => {
    const owner: StaffUser = await newStaff(t);
    const before = t.mail.messages.length;
    const attacker = [];
    for (let i = 0; i < 20; i += 1) attacker.push((await attempt(owner.email, `guess-${i}`, '203.0.113.7')).status);
    // The first failures are answered; then the attacker waits (429), never the owner.
    expect(attacker.slice(0, 3)).toEqual([401, 401, 401]);
    expect(attacker).toContain(429);
    const owner200 = await attempt(owner.email, owner.password, '198.51.100.20');
    expect(owner200.status).toBe(200);

    await settleOutbox(t);
    const mails = t.mail.messages.slice(before).filter((m) => m.to.includes(owner.email));
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toMatch(/sign-in/i);
    expect(mails[0].text).not.toContain('203.0.113.7');
    expect(mails[0].text).not.toMatch(/guess-/);
  });

  it('answers a wait with 429 and Retry-After for that pair only, never by holding the request', async () => {
    const staff = await newStaff(t);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await attempt(staff.email, `wrong-${i}`, '203.0.113.9')).status);
    // Three free failures, the fourth failure starts a wait.
    expect(statuses).toEqual([401, 401, 401, 401]);
    const waiting = await attempt(staff.email, staff.password, '203.0.113.9');
    expect(waiting.status).toBe(429);
    expect(Number(waiting.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(waiting.body).toMatchObject({ statusCode: 429 });
    // The right password from the owner's other address is not held up.
    await attempt(staff.email, staff.password, '198.51.100.21').expect(200);
  });

  it('the per-email backstop stops new addresses but not one the owner signed in from', async () => {
    const owner = await newStaff(t);
    await attempt(owner.email, owner.password, '198.51.100.30').expect(200);
    // Many addresses, two guesses each: 24 failures, twice the backstop.
    for (let i = 0; i < 12; i += 1) {
      for (let j = 0; j < 2; j += 1) await attempt(owner.email, `spray-${i}-${j}`, `192.0.2.${i + 1}`);
    }
    const fresh = await attempt(owner.email, 'spray-again', '192.0.2.200');
    expect(fresh.status).toBe(429);
    expect(Number(fresh.headers['retry-after'])).toBeGreaterThan(0);
    await attempt(owner.email, owner.password, '198.51.100.30').expect(200);
  });

  it('a success clears the pair: the owner who mistyped twice carries on', async () => {
    const staff = await newStaff(t);
    await attempt(staff.email, 'typo one', '198.51.100.40').expect(401);
    await attempt(staff.email, 'typo two', '198.51.100.40').expect(401);
    await attempt(staff.email, staff.password, '198.51.100.40').expect(200);
    for (let i = 0; i < 3; i += 1) await attempt(staff.email, `typo-${i}`, '198.51.100.40').expect(401);
  });
});
