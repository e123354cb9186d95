import { newParticipant } from '../factories/canvas.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { EXPECTED } from './authz-matrix.table.js';
import { dtoFields, errorShapeProblem } from './hardening/bad-input.js';
import { type Answer, buildWorld, call, CALLERS, fillPath, listRoutes, type World } from './hardening/world.js';

const LIMIT = 2;

/** Page sizes, the body size limit and the throttled routes, with small limits from configuration. */
describe('limits', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp({
      bodyLimitBytes: 16_384,
      rateLimitLogin: LIMIT,
      rateLimitRegistration: LIMIT,
      rateLimitCanvasNotes: LIMIT,
      rateLimitBallots: LIMIT,
    });
    world = await buildWorld(t);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  const expectThrottled = (answer: Answer): void => {
    expect(answer.status).toBe(429);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(answer.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(errorShapeProblem(429, answer.text)).toBeUndefined();
  };
  /** Calls `send` until it is throttled; the limit is LIMIT per actor, so that is by call LIMIT + 1. */
  const throttle = async (send: () => Promise<Answer>): Promise<Answer[]> => {
    const answers: Answer[] = [];
    for (let i = 0; i <= LIMIT; i += 1) answers.push(await send());
    return answers;
  };

  it('caps page sizes on every route with a limit', async () => {
    const paged = listRoutes(t).filter((r) => r.method === 'GET' && dtoFields(r.query).includes('limit'));
    expect(paged.length).toBeGreaterThanOrEqual(4);
    for (const route of paged) {
      const row = EXPECTED[route.key];
      const caller = [...CALLERS].reverse().find((c) => row[c] === 'allow') ?? 'admin';
      const path = fillPath(route.path, world.params);
      for (const limit of ['100000', String(t.config.pageSizeMax + 1), '0', '-1']) {
        const answer = await call(world, 'GET', `${path}?limit=${limit}`, { headers: world.headers[caller] });
        if (answer.status === 200) {
          const body = JSON.parse(answer.text) as { items?: unknown[] } | unknown[];
          const items = Array.isArray(body) ? body : (body.items ?? []);
          expect({ route: route.key, limit, capped: items.length <= t.config.pageSizeMax }).toEqual({
            route: route.key,
            limit,
            capped: true,
          });
          expect(Number(limit)).toBeGreaterThan(0);
        } else {
          expect({ route: route.key, limit, status: answer.status }).toEqual({ route: route.key, limit, status: 400 });
        }
      }
    }
  });

  it('answers 413 to a body over the limit, in the one error shape', async () => {
    const big = { name: 'x'.repeat(20_000), email: 'big@example.org', organisation: 'Org', consent: true };
    for (const path of [`/api/events/${world.eventX.id}/registrations`, '/api/auth/login']) {
      const answer = await call(world, 'POST', path, { body: big });
      expect(answer.status).toBe(413);
      expect(errorShapeProblem(413, answer.text)).toBeUndefined();
    }
  });

  it('throttles login per email, with Retry-After; another email still gets in', async () => {
    const answers = await throttle(() =>
      call(world, 'POST', '/api/auth/login', { body: { email: 'victim@example.org', password: 'guess guess' } }),
    );
    expect(answers.slice(0, LIMIT).map((a) => a.status)).toEqual(Array(LIMIT).fill(401));
    expectThrottled(answers[LIMIT]);
    const other = await call(world, 'POST', '/api/auth/login', {
      body: { email: world.staff.email, password: world.staff.password },
    });
    expect(other.status).toBe(200);
  });

  it('throttles registration and resend-link per email', async () => {
    const path = `/api/events/${world.eventX.id}/registrations`;
    const body = { name: 'Rita Repeat', email: 'repeat@example.org', organisation: 'Org', consent: true };
    const answers = await throttle(() => call(world, 'POST', path, { body }));
    expect(answers[0].status).toBe(202);
    expectThrottled(answers[LIMIT]);
    const resend = await throttle(() =>
      call(world, 'POST', `${path}/resend-link`, { body: { email: world.delegateB.email } }),
    );
    expect(resend[0].status).toBe(202);
    expectThrottled(resend[LIMIT]);
    const other = await call(world, 'POST', path, { body: { ...body, email: 'someone-else@example.org' } });
    expect(other.status).toBe(202);
  });

  it('throttles note posting per participant and ballots per delegate', async () => {
    const phone = newParticipant(t);
    // A phone opens the canvas first (that sets its participant cookie), then posts.
    await phone.get(`/api/canvases/join/${world.canvas.joinCode}`).expect(200);
    const notes: Answer[] = [];
    for (let i = 0; i <= LIMIT; i += 1) {
      const response = await phone
        .post(`/api/canvases/join/${world.canvas.joinCode}/notes`)
        .send({ section: 'values', text: `Note ${i}` });
      const headers = new Headers();
      for (const [k, v] of Object.entries(response.headers as Record<string, string>)) headers.set(k, String(v));
      notes.push({ status: response.status, headers, text: response.text });
    }
    expect(notes[0].status).toBe(201);
    expectThrottled(notes[LIMIT]);
    const ballots = await throttle(() =>
      call(world, 'POST', `/api/awards/${world.award.id}/ballots`, {
        headers: world.delegateA.auth,
        body: { nomineeId: world.award.nomineeId },
      }),
    );
    expect(ballots[0].status).toBe(201);
    expectThrottled(ballots[LIMIT]);
  });
});
