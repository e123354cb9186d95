import { createTestApp, type TestApp } from '../setup/test-app.js';
import {
  BODIES,
  EXPECTED,
  MALFORMED_ID_IS_404,
  MOUNTS,
  ORDER,
  PARAMS,
  WILDCARD_SAMPLE,
  type Expect,
} from './authz-matrix.table.js';
import {
  type AppRoute,
  buildWorld,
  call,
  CALLERS,
  type Caller,
  fillPath,
  listFastifyRoutes,
  listRoutes,
  type World,
} from './hardening/world.js';

/** Does a status match what the table says? */
function matches(expected: Expect, status: number): boolean {
  if (status >= 500) return false;
  if (typeof expected === 'number') return status === expected;
  if (expected === 'allow') return status !== 401 && status !== 403;
  if (expected === 'deny') return status === 401 || status === 403;
  return status === 404; // 'hidden'
}

/**
 * Every route the application registers × seven kinds of caller, against one seeded world.
 * The routes come from Nest's module container; expectations from authz-matrix.table.ts.
 */
describe('authorisation matrix', () => {
  let t: TestApp;
  let world: World;
  let routes: AppRoute[];

  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
    world = await buildWorld(t);
    routes = listRoutes(t);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('finds the routes in the router, and every one has a row in the table', () => {
    expect(routes.length).toBeGreaterThan(50);
    const fastify = t.app.getHttpAdapter().getInstance();
    for (const route of routes) {
      expect({
        route: route.key,
        registered: fastify.hasRoute({ method: route.method, url: route.path }),
      }).toEqual({ route: route.key, registered: true });
    }
    const missing = routes.map((r) => r.key).filter((key) => !(key in EXPECTED));
    const stale = Object.keys(EXPECTED).filter((key) => !routes.some((r) => r.key === key));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  it('routes mounted outside Nest (Bull Board, OpenAPI) fall under a mount in the table and answer as it says', async () => {
    const nest = new Set(routes.map((r) => r.key));
    const plugin = listFastifyRoutes(t).filter((r) => !nest.has(r.key));
    expect(plugin.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const route of plugin) {
      const mount = Object.keys(MOUNTS).find((prefix) => route.path.startsWith(prefix));
      if (!mount) {
        failures.push(`${route.key}: under no mount in the table`);
        continue;
      }
      const path = route.path.replace(/:[A-Za-z]+/g, 'x').replace(/\*$/, WILDCARD_SAMPLE[mount]);
      for (const caller of CALLERS) {
        const expected = MOUNTS[mount][caller];
        // Whoever is allowed only reads: a PUT here could pause or empty the real queues.
        if (expected === 'allow' && route.method !== 'GET') continue;
        const answer = await call(world, route.method, path, { headers: world.headers[caller], body: {} });
        if (!matches(expected, answer.status)) failures.push(`${route.key} as ${caller}: ${answer.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('a draft event is hidden (404) from everyone but its organisers, on every public route', async () => {
    const draftParams = { ...world.params, eventId: world.draft.id, slug: world.draft.slug };
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const row = EXPECTED[route.key];
      if (route.method !== 'GET' || row.anonymous !== 'allow' || !/:(eventId|slug)\b/.test(route.path)) continue;
      checked += 1;
      const path = fillPath(route.path, draftParams);
      for (const caller of ['anonymous', 'delegate', 'staff', 'facilitator'] as const) {
        const answer = await call(world, 'GET', path, { headers: world.headers[caller] });
        if (answer.status !== 404) failures.push(`${route.key} as ${caller}: ${answer.status}`);
      }
      // The organisers see their draft through the API; the HTML pages show published events only.
      const organiser = await call(world, 'GET', path, { headers: world.organiser.auth });
      const forOrganiser = route.path.startsWith('/api/') ? 200 : 404;
      if (organiser.status !== forOrganiser) failures.push(`${route.key} as its organiser: ${organiser.status}`);
    }
    expect(checked).toBeGreaterThanOrEqual(6);
    expect(failures).toEqual([]);
  });

  const uuidParams = (path: string): string[] => [...path.matchAll(/:([A-Za-z]+Id)\b/g)].map((m) => m[1]);

  it("an organiser of event X gets nothing of event Y's (deny or 404)", async () => {
    const yParams = {
      ...world.params,
      eventId: world.eventY.id,
      awardId: world.awardY.id,
      sessionId: world.workshopYId,
      registrationId: world.delegateY.id,
    };
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const row = EXPECTED[route.key];
      // Routes for the event's organisers (the staff member with no role is turned away, the organiser let in).
      if (!row || row.staff !== 403 || row.organiser !== 'allow' || row.facilitator === 'allow') continue;
      if (!/:(eventId|awardId)\b/.test(route.path)) continue;
      checked += 1;
      const answer = await call(world, route.method, fillPath(route.path, yParams), {
        headers: world.headers.organiser,
        body: BODIES[route.key]?.(world) ?? {},
      });
      if (![401, 403, 404].includes(answer.status)) failures.push(`${route.key}: ${answer.status}`);
    }
    expect(checked).toBeGreaterThan(15);
    expect(failures).toEqual([]);
  });

  it('a missing id is 404 and a malformed id 400, for every route with an id in its path', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const row = EXPECTED[route.key];
      const caller: Caller | undefined =
        row && [...CALLERS].reverse().find((c) => row[c] === 'allow' && c !== 'anonymous');
      if (!caller) continue;
      for (const name of uuidParams(route.path)) {
        for (const [value, expected] of [
          ['6d0c0b1e-8f0b-4c1e-9d7e-3d5c2f4b1a00', 404],
          ['not-a-uuid', 400],
        ] as const) {
          const path = fillPath(route.path, { ...world.params, [name]: value });
          const answer = await call(world, route.method, path, {
            headers: world.headers[caller],
            body: BODIES[route.key]?.(world) ?? {},
          });
          // A route that validates its body before looking the id up may answer 400/422 first.
          const ok =
            expected === 404
              ? [404, 400, 422].includes(answer.status)
              : answer.status === (MALFORMED_ID_IS_404.has(route.key) ? 404 : 400);
          if (!ok)
            failures.push(`${route.key} :${name}=${value} as ${caller}: ${answer.status} ${answer.text.slice(0, 120)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("delegate A's routes never touch delegate B's sign-ups or ballot receipt", async () => {
    const a = world.delegateA;
    await call(world, 'DELETE', `/api/registrations/me/sessions/${world.workshopId}`, { headers: a.auth });
    await call(world, 'POST', `/r/${a.token}/workshops/${world.workshopId}/leave`, { body: {} });
    await call(world, 'POST', `/api/awards/${world.award.id}/ballots`, {
      headers: a.auth,
      body: { nomineeId: world.award.nomineeId },
    });
    const other = await call(world, 'GET', `/api/events/${world.eventX.id}/registrations/${world.delegateB.id}`, {
      headers: a.auth,
    });
    expect(other.status).toBe(401);
    const signups = await t.db.query<Array<{ n: number }>>(
      'SELECT count(*)::int AS n FROM session_signups WHERE registration_id = $1',
      [world.delegateB.id],
    );
    const receipts = await t.db.query<Array<{ registration_id: string }>>(
      'SELECT registration_id FROM ballot_receipts WHERE award_id = $1',
      [world.award.id],
    );
    expect(signups[0].n).toBe(1);
    expect(receipts.map((r) => r.registration_id).sort()).toEqual([world.delegateA.id, world.delegateB.id].sort());
  });

  it('every route answers every caller as the table says', async () => {
    // Destructive routes last, in the table's order, so they do not pull the world away.
    const rank = (key: string): number => (ORDER.includes(key) ? 1 + ORDER.indexOf(key) : 0);
    const ordered = [...routes].sort((a, b) => rank(a.key) - rank(b.key));
    const failures: string[] = [];
    const dump: Record<string, Record<Caller, number>> = {};
    for (const route of ordered) {
      const row = EXPECTED[route.key];
      dump[route.key] = {} as Record<Caller, number>;
      for (const caller of CALLERS) {
        const answer = await call(
          world,
          route.method,
          fillPath(route.path, { ...world.params, ...PARAMS[route.key]?.(world) }),
          {
            headers: world.headers[caller],
            body: BODIES[route.key]?.(world) ?? {},
          },
        );
        dump[route.key][caller] = answer.status;
        if (row && !matches(row[caller], answer.status)) {
          failures.push(
            `${route.key} as ${caller}: expected ${String(row[caller])}, got ${answer.status} ${answer.text.slice(0, 160)}`,
          );
        }
      }
    }
    if (process.env.AUTHZ_DUMP) console.log(JSON.stringify(dump, null, 1));
    expect(failures).toEqual([]);
  }, 120_000);
});
