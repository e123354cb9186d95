import { insertEvent, insertMember, insertSession } from '../factories/db-fixtures.js';
import { register, registrationBody, type RegisteredDelegate } from '../factories/registrations.factory.js';
import { newStaff } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

type Caller =
  'public' | 'delegate' | 'otherDelegate' | 'staff' | 'facilitator' | 'organiser' | 'otherOrganiser' | 'admin';
const CALLERS: Caller[] = [
  'public',
  'delegate',
  'otherDelegate',
  'staff',
  'facilitator',
  'organiser',
  'otherOrganiser',
  'admin',
];

interface Route {
  name: string;
  call: (t: TestApp, headers: Record<string, string>) => Promise<{ status: number }>;
  expect: Record<Caller, number>;
}

/**
 * Who may call each registrations route: one row per route, one column per kind of caller.
 * "otherDelegate" registered for another event; "otherOrganiser" organises another event.
 */
describe('registrations: who may call what', () => {
  let t: TestApp;
  const headers = {} as Record<Caller, Record<string, string>>;
  let eventId: string;
  let workshopId: string;
  let delegate: RegisteredDelegate;
  const victims: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
    const event = await insertEvent(t.db, { capacity: 100 });
    const other = await insertEvent(t.db, { capacity: 100 });
    eventId = event.id;
    workshopId = (await insertSession(t.db, event, { capacity: 50 })).id;
    const [staff, facilitator, organiser, otherOrganiser] = await Promise.all([
      newStaff(t),
      newStaff(t),
      newStaff(t),
      newStaff(t),
    ]);
    await insertMember(t.db, event.id, facilitator.id, 'facilitator');
    await insertMember(t.db, event.id, organiser.id, 'organiser');
    await insertMember(t.db, other.id, otherOrganiser.id, 'organiser');
    delegate = await register(t, event.id);
    const otherDelegate = await register(t, other.id);
    for (let i = 0; i < CALLERS.length; i += 1) victims.push((await register(t, event.id)).id);
    headers.public = {};
    headers.delegate = delegate.auth;
    headers.otherDelegate = otherDelegate.auth;
    headers.staff = staff.auth;
    headers.facilitator = facilitator.auth;
    headers.organiser = organiser.auth;
    headers.otherOrganiser = otherOrganiser.auth;
    headers.admin = { Authorization: `Bearer ${await t.adminToken()}` };
  });
  afterAll(async () => {
    await t.close();
  });

  const organisersOnly = (ok: number): Record<Caller, number> => ({
    public: 401,
    delegate: 401,
    otherDelegate: 401,
    staff: 403,
    facilitator: 403,
    organiser: ok,
    otherOrganiser: 403,
    admin: ok,
  });
  const anyone = (status: number): Record<Caller, number> =>
    Object.fromEntries(CALLERS.map((c) => [c, status])) as Record<Caller, number>;

  const routes: Route[] = [
    {
      name: 'POST /api/events/:eventId/registrations',
      call: (t, h) => t.http.post(`/api/events/${eventId}/registrations`).set(h).send(registrationBody()),
      expect: anyone(202),
    },
    {
      name: 'POST /api/events/:eventId/registrations/resend-link',
      call: (t, h) =>
        t.http.post(`/api/events/${eventId}/registrations/resend-link`).set(h).send({ email: 'x@example.org' }),
      expect: anyone(202),
    },
    {
      name: 'GET /api/events/:eventId/registrations',
      call: (t, h) => t.http.get(`/api/events/${eventId}/registrations`).set(h),
      expect: organisersOnly(200),
    },
    {
      name: 'GET /api/events/:eventId/registrations?format=csv',
      call: (t, h) => t.http.get(`/api/events/${eventId}/registrations?format=csv`).set(h),
      expect: organisersOnly(200),
    },
    {
      name: 'GET /api/events/:eventId/registrations/counts',
      call: (t, h) => t.http.get(`/api/events/${eventId}/registrations/counts`).set(h),
      expect: organisersOnly(200),
    },
    {
      name: 'POST /api/events/:eventId/registrations/fill-free-seats',
      call: (t, h) => t.http.post(`/api/events/${eventId}/registrations/fill-free-seats`).set(h),
      expect: organisersOnly(200),
    },
    {
      name: 'GET /api/events/:eventId/registrations/:registrationId',
      call: (t, h) => t.http.get(`/api/events/${eventId}/registrations/${delegate.id}`).set(h),
      expect: organisersOnly(200),
    },
    {
      name: 'POST /api/events/:eventId/registrations/:registrationId/check-in',
      call: (t, h) => t.http.post(`/api/events/${eventId}/registrations/${delegate.id}/check-in`).set(h),
      // The door's staff: facilitators check delegates in too.
      expect: { ...organisersOnly(200), facilitator: 200 },
    },
    {
      name: 'POST /api/events/:eventId/registrations/:registrationId/erase',
      call: (t, h) => t.http.post(`/api/events/${eventId}/registrations/${victims.pop()}/erase`).set(h),
      expect: organisersOnly(204),
    },
    {
      name: 'GET /api/registrations/me',
      call: (t, h) => t.http.get('/api/registrations/me').set(h),
      expect: { ...anyone(401), delegate: 200, otherDelegate: 200 },
    },
    {
      name: 'PUT /api/registrations/me/sessions/:sessionId',
      call: (t, h) => t.http.put(`/api/registrations/me/sessions/${workshopId}`).set(h),
      // The other event's delegate cannot see this event's workshop.
      expect: { ...anyone(401), delegate: 200, otherDelegate: 404 },
    },
    {
      name: 'DELETE /api/registrations/me/sessions/:sessionId',
      call: (t, h) => t.http.delete(`/api/registrations/me/sessions/${workshopId}`).set(h),
      expect: { ...anyone(401), delegate: 204, otherDelegate: 404 },
    },
    {
      name: 'DELETE /api/registrations/me',
      call: (t, h) => t.http.delete('/api/registrations/me').set(h),
      expect: { ...anyone(401), delegate: 204, otherDelegate: 204 },
    },
  ];

  it.each(routes.map((route) => [route.name, route] as const))('%s', async (_name, route) => {
    const actual: Partial<Record<Caller, number>> = {};
    for (const caller of CALLERS) actual[caller] = (await route.call(t, headers[caller])).status;
    expect(actual).toEqual(route.expect);
  });
});
