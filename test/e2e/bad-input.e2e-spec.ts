import fc from 'fast-check';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { BODIES, EXPECTED } from './authz-matrix.table.js';
import {
  dtoFields,
  errorShapeProblem,
  nastyBody,
  nastyQuery,
  nastyValue,
  rejectedBody,
  VALID_BODIES,
  settledSnapshot,
} from './hardening/bad-input.js';
import {
  type AppRoute,
  buildWorld,
  call,
  CALLERS,
  type Caller,
  fillPath,
  listRoutes,
  type World,
} from './hardening/world.js';

const SEED = Number(process.env.BAD_INPUT_SEED ?? 20261122);
/** Pages for people (HTML errors) rather than the JSON API. */
const isPage = (route: AppRoute): boolean => !route.path.startsWith('/api/');

/**
 * Every route with a body or a query, called by a caller the matrix allows (so validation is
 * reached) with generated malformed input: never a 5xx, API errors in the one JSON shape, and
 * requests that must be refused change no row in any table.
 */
describe('bad input', () => {
  let t: TestApp;
  let world: World;
  let routes: AppRoute[];

  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
    world = await buildWorld(t);
    routes = listRoutes(t).filter((r) => r.body !== undefined || r.query !== undefined);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  const callerFor = (route: AppRoute): Caller => {
    const row = EXPECTED[route.key];
    return [...CALLERS].reverse().find((c) => row[c] === 'allow') ?? 'admin';
  };
  const check = (route: AppRoute, status: number, text: string, failures: string[], what: string): void => {
    if (status >= 500) failures.push(`${route.key} ${what}: ${status}`);
    else if (status >= 400 && !isPage(route)) {
      const problem = errorShapeProblem(status, text);
      if (problem) failures.push(`${route.key} ${what}: ${status} ${problem}`);
    }
  };

  it('has routes to sweep', () => {
    if (process.env.BAD_INPUT_DUMP) {
      console.log(
        routes.map((r) => `${r.key} body=${dtoFields(r.body).join(',')} query=${dtoFields(r.query).join(',')}`),
      );
    }
    expect(routes.length).toBeGreaterThan(30);
  });

  it('refuses bodies with unknown or prototype keys, and changes nothing', async () => {
    const before = await settledSnapshot(t.db);
    const failures: string[] = [];
    for (const route of routes) {
      const path = fillPath(route.path, world.params);
      const headers = world.headers[callerFor(route)];
      if (route.body !== undefined) {
        for (const raw of fc.sample(rejectedBody(dtoFields(route.body)), { numRuns: 4, seed: SEED })) {
          const answer = await call(world, route.method, path, { headers, rawBody: raw });
          check(route, answer.status, answer.text, failures, `body ${raw.slice(0, 100)}`);
          if (answer.status < 400) failures.push(`${route.key} accepted ${raw.slice(0, 100)}: ${answer.status}`);
        }
      }
      if (route.query !== undefined) {
        for (const query of fc.sample(nastyQuery(dtoFields(route.query)), { numRuns: 4, seed: SEED })) {
          const answer = await call(world, route.method, `${path}?${query}&zzUnknown=1`, {
            headers,
            body: route.method === 'GET' ? undefined : (BODIES[route.key]?.(world) ?? {}),
          });
          check(route, answer.status, answer.text, failures, `query ${query.slice(0, 100)}`);
        }
      }
    }
    // Malformed JSON and a wrong content type, once per body route. A form body is the JSON
    // API's wrong type, but a page's own: pages take their forms urlencoded.
    for (const route of routes.filter((r) => r.body !== undefined)) {
      const path = fillPath(route.path, world.params);
      const headers = world.headers[callerFor(route)];
      const wrongTypes: Array<[string, string]> = [
        ['{"name": "unterminated', 'application/json'],
        ['<xml/>', 'text/xml'],
      ];
      if (route.path.startsWith('/api/')) wrongTypes.push(['name=x&email=y', 'application/x-www-form-urlencoded']);
      for (const [raw, type] of wrongTypes) {
        const answer = await call(world, route.method, path, { headers, rawBody: raw, contentType: type });
        check(route, answer.status, answer.text, failures, `${type} ${raw}`);
        if (answer.status < 400) failures.push(`${route.key} accepted ${type} ${raw}: ${answer.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await settledSnapshot(t.db)).toEqual(before);
  }, 180_000);

  it('survives wrong types, huge, deep, CR/LF, SQL- and HTML-looking values in every known field', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.body !== undefined)) {
      const path = fillPath(route.path, world.params);
      const headers = world.headers[callerFor(route)];
      for (const body of fc.sample(nastyBody(dtoFields(route.body)), { numRuns: 6, seed: SEED })) {
        const answer = await call(world, route.method, path, { headers, body });
        check(route, answer.status, answer.text, failures, `body ${JSON.stringify(body).slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it('survives one poisoned field at a time in an otherwise valid body', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => VALID_BODIES[r.key])) {
      const path = fillPath(route.path, world.params);
      const headers = world.headers[callerFor(route)];
      // The base itself passes validation, or the poisoned field would never reach the service.
      const base = await call(world, route.method, path, {
        headers,
        body: VALID_BODIES[route.key]({ delegateEmail: world.delegateA.email }),
      });
      if (base.status === 400) failures.push(`${route.key}: the valid body is refused: ${base.text.slice(0, 200)}`);
      for (const field of dtoFields(route.body)) {
        for (const value of fc.sample(nastyValue, { numRuns: 3, seed: SEED + field.length })) {
          const body = { ...VALID_BODIES[route.key]({ delegateEmail: world.delegateA.email }), [field]: value };
          const answer = await call(world, route.method, path, { headers, body });
          check(route, answer.status, answer.text, failures, `${field}=${JSON.stringify(value).slice(0, 80)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it('forged, tampered and malformed credentials never pass and never 500', async () => {
    const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const claims = { sub: world.staff.id, email: world.staff.email, adm: true, exp };
    const [header, , signature] = world.staff.token.split('.');
    const forged: Array<[string, string]> = [
      ['alg none', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`],
      ['staff token with adm: true', `Bearer ${header}.${b64(claims)}.${signature}`],
      ['signed with another secret', `Bearer ${header}.${b64(claims)}.${'A'.repeat(43)}`],
      ['huge bearer', `Bearer ${'x'.repeat(8000)}`],
      ['three dots', 'Bearer a.b.c'],
      ['basic', 'Basic YWRtaW46YWRtaW4='],
      ['delegate token hash as a token', `Bearer ${'0'.repeat(64)}`],
      ['empty bearer', 'Bearer '],
    ];
    const failures: string[] = [];
    for (const [what, authorization] of forged) {
      const admin = await call(world, 'POST', '/api/users', {
        headers: { authorization },
        body: { email: 'forged@example.org', name: 'Forged', password: 'long enough password' },
      });
      if (admin.status !== 401) failures.push(`POST /api/users with ${what}: ${admin.status}`);
    }
    // Every route, each with one of the forged credentials in turn: never a 5xx.
    const all = listRoutes(t);
    for (const [i, route] of all.entries()) {
      const [what, authorization] = forged[i % forged.length];
      const answer = await call(world, route.method, fillPath(route.path, world.params), {
        headers: { authorization, cookie: `plenary_participant=${'%'.repeat(50)}; x=${'y'.repeat(4000)}` },
        body: {},
      });
      if (answer.status >= 500) failures.push(`${route.key} with ${what}: ${answer.status}`);
    }
    expect(failures).toEqual([]);
  });
});
