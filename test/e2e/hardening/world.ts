import { ModulesContainer } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { addSpeaker } from '../../factories/events.factory.js';
import { insertEvent, insertMember, insertSession } from '../../factories/db-fixtures.js';
import { newAward } from '../../factories/awards.factory.js';
import { newCanvas, newParticipant, postNote } from '../../factories/canvas.factory.js';
import { register, type RegisteredDelegate } from '../../factories/registrations.factory.js';
import { newStaff, type StaffUser } from '../../factories/staff.factory.js';
import { Browser } from '../../setup/staff-browser.js';
import type { TestApp } from '../../setup/test-app.js';

/** Nest's RequestMethod enum, by index. */
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD', 'SEARCH'];

export interface AppRoute {
  method: string;
  /** Fastify-style path, e.g. /api/events/:eventId/sessions. */
  path: string;
  /** "GET /api/events/:eventId" — the key of the table. */
  key: string;
  /** The handler's @Body() / @Query() parameter types (Object/Array when untyped), if it has one. */
  body?: unknown;
  query?: unknown;
}

/** Nest's RouteParamtypes: BODY = 3, QUERY = 4; keys of __routeArguments__ are "type:index". */
function argumentTypes(type: object, name: string): { body?: unknown; query?: unknown } {
  const args = (Reflect.getMetadata('__routeArguments__', type.constructor, name) ?? {}) as Record<
    string,
    { index: number }
  >;
  const types = (Reflect.getMetadata('design:paramtypes', type, name) ?? []) as unknown[];
  const found: { body?: unknown; query?: unknown } = {};
  for (const [key, arg] of Object.entries(args)) {
    const kind = key.split(':')[0];
    if (kind === '3') found.body = types[arg.index] ?? Object;
    if (kind === '4') found.query = types[arg.index] ?? Object;
  }
  return found;
}

const join = (...parts: string[]): string =>
  '/' +
  parts
    .flatMap((p) => p.split('/'))
    .filter((p) => p.length > 0)
    .join('/');

/**
 * Every route of every controller the application has registered, read from Nest's own
 * module container (controller path + handler path + method metadata), so a new route
 * appears here without anyone listing it.
 */
export function listRoutes(t: TestApp): AppRoute[] {
  const modules = t.app.get(ModulesContainer);
  const routes = new Map<string, AppRoute>();
  for (const module of modules.values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      const base = Reflect.getMetadata('path', type) as string | string[] | undefined;
      const bases = Array.isArray(base) ? base : [base ?? '/'];
      const proto = type.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        if (name === 'constructor') continue;
        const handler = proto[name];
        if (typeof handler !== 'function') continue;
        const sub = Reflect.getMetadata('path', handler) as string | string[] | undefined;
        const method = Reflect.getMetadata('method', handler) as number | undefined;
        if (sub === undefined || method === undefined) continue;
        for (const b of bases) {
          for (const s of Array.isArray(sub) ? sub : [sub]) {
            const path = join(b, s);
            const route: AppRoute = {
              method: METHODS[method],
              path,
              key: `${METHODS[method]} ${path}`,
              ...argumentTypes(proto, name),
            };
            routes.set(route.key, route);
          }
        }
      }
    }
  }
  return [...routes.values()].sort((a, b) => a.key.localeCompare(b.key));
}

export const CALLERS = [
  'anonymous',
  'otherDelegate',
  'delegate',
  'staff',
  'facilitator',
  'organiser',
  'admin',
  // A signed-in link officer of an agency with a delegate of X: their session cookie and the CSRF token of their forms.
  'linkOfficer',
] as const;
export type Caller = (typeof CALLERS)[number];

export interface World {
  baseUrl: string;
  eventX: { id: string; slug: string };
  eventY: { id: string; slug: string };
  draft: { id: string; slug: string };
  organiser: StaffUser;
  facilitator: StaffUser;
  staff: StaffUser;
  organiserY: StaffUser;
  delegateA: RegisteredDelegate;
  delegateB: RegisteredDelegate;
  delegateY: RegisteredDelegate;
  /** Delegates of X that destructive routes may use up. */
  spare: RegisteredDelegate[];
  workshopId: string;
  workshopYId: string;
  speakerId: string;
  canvas: { id: string; joinCode: string };
  noteId: string;
  award: { id: string; nomineeId: string };
  awardY: { id: string };
  /** The link officer's agency (delegate B of X is from it) and another agency with a delegate of X. */
  agency: { id: string; officerEmail: string };
  otherAgency: { id: string };
  notificationId: string;
  ruleId: string;
  headers: Record<Caller, Record<string, string>>;
  /** Values for path parameters, by name. */
  params: Record<string, string>;
}

/**
 * One seeded world: published events X and Y and a draft; an organiser, a facilitator and a
 * staff member without a role on X; an organiser of Y; delegates A and B of X and one of Y;
 * a workshop, a speaker, a canvas with a note, an award with a shortlist and open voting.
 */
export async function buildWorld(t: TestApp): Promise<World> {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const [organiser, facilitator, staff, organiserY] = [
    await newStaff(t),
    await newStaff(t),
    await newStaff(t),
    await newStaff(t),
  ];
  const eventX = await insertEvent(t.db, { capacity: 100 });
  const eventY = await insertEvent(t.db, { capacity: 100 });
  const draft = await insertEvent(t.db, { status: 'draft', publishedAt: null as unknown as Date });
  await insertMember(t.db, eventX.id, organiser.id, 'organiser');
  await insertMember(t.db, draft.id, organiser.id, 'organiser');
  await insertMember(t.db, eventX.id, facilitator.id, 'facilitator');
  await insertMember(t.db, eventY.id, organiserY.id, 'organiser');
  const workshop = await insertSession(t.db, eventX, { capacity: 50 });
  const workshopY = await insertSession(t.db, eventY, { capacity: 50 });
  const speaker = await addSpeaker(t, organiser, eventX.id);
  const delegateA = await register(t, eventX.id, {
    name: 'Alice Able',
    accessNeeds: 'SECRET-ACCESS-A wheelchair',
    dietaryNeeds: 'SECRET-DIET-A vegan',
  });
  const delegateB = await register(t, eventX.id, {
    name: 'Bob Baker',
    accessNeeds: 'SECRET-ACCESS-B hearing loop',
    dietaryNeeds: 'SECRET-DIET-B halal',
  });
  const delegateY = await register(t, eventY.id, { name: 'Yara Young' });
  const spare = [await register(t, eventX.id), await register(t, eventX.id)];
  await t.http.put(`/api/registrations/me/sessions/${workshop.id}`).set(delegateB.auth).expect(200);
  const canvas = await newCanvas(t, eventX.id, facilitator);
  const note = await postNote(newParticipant(t), canvas.joinCode, { text: 'A note' });
  const award = await newAward(t, { event: eventX, organiser });
  await t.http
    .post(`/api/awards/${award.id}/ballots`)
    .set(delegateB.auth)
    .send({ nomineeId: award.nominees[0].id })
    .expect((r) => {
      if (r.status >= 300) throw new Error(`ballot: ${r.status} ${JSON.stringify(r.body)}`);
    });
  const awardY = await newAward(t, { event: eventY, organiser: organiserY });
  const notificationId = await firstNotification(t.db, eventX.id);
  const rules = await t.http
    .put(`/api/events/${eventX.id}/reminder-rules`)
    .set(organiser.auth)
    .send([{ before: 'P1D' }]);
  const ruleId =
    rules.status < 300 ? ((rules.body as Array<{ id: string }>)[0]?.id ?? randomUUID()) : await firstRule(t.db);
  const agency = await insertAgency(t.db, 'Matrix Agency', 'officer@matrix-agency.example');
  const otherAgency = await insertAgency(t.db, 'Other Agency', 'officer@other-agency.example');
  await t.db.query('UPDATE registrations SET agency_id = $2 WHERE id = $1', [delegateB.id, agency]);
  await t.db.query('UPDATE registrations SET agency_id = $2 WHERE id = $1', [delegateA.id, otherAgency]);
  const linkOfficer = await signInLinkOfficer(t, 'officer@matrix-agency.example');

  const world: World = {
    baseUrl: `http://127.0.0.1:${port}`,
    eventX: { id: eventX.id, slug: eventX.slug },
    eventY: { id: eventY.id, slug: eventY.slug },
    draft: { id: draft.id, slug: draft.slug },
    organiser,
    facilitator,
    staff,
    organiserY,
    delegateA,
    delegateB,
    delegateY,
    spare,
    workshopId: workshop.id,
    workshopYId: workshopY.id,
    speakerId: speaker.id,
    canvas: { id: canvas.id, joinCode: canvas.joinCode },
    noteId: note.id,
    award: { id: award.id, nomineeId: award.nominees[2].id },
    awardY: { id: awardY.id },
    agency: { id: agency, officerEmail: 'officer@matrix-agency.example' },
    otherAgency: { id: otherAgency },
    notificationId,
    ruleId,
    headers: {
      anonymous: {},
      otherDelegate: delegateY.auth,
      delegate: delegateA.auth,
      staff: staff.auth,
      facilitator: facilitator.auth,
      organiser: organiser.auth,
      admin: { Authorization: `Bearer ${await t.adminToken()}` },
      linkOfficer: { cookie: linkOfficer.cookie, 'x-csrf-token': linkOfficer.csrf },
    },
    params: {},
  };
  world.params = {
    eventId: eventX.id,
    sessionId: workshop.id,
    speakerId: speaker.id,
    registrationId: delegateA.id,
    token: delegateA.token,
    canvasId: canvas.id,
    joinCode: canvas.joinCode,
    noteId: note.id,
    awardId: award.id,
    nomineeId: award.nominees[2].id,
    nominationId: randomUUID(),
    // No agency exists in the world: the guards decide before the look-up (404 once let through).
    agencyId: randomUUID(),
    notificationId,
    ruleId,
    slug: eventX.slug,
    // A staff account's id (routes that name an account or a member).
    userId: facilitator.id,
    // A static asset of the pages (GET /assets/:name).
    name: 'site.css',
    // A certificate code in the issued alphabet that no certificate carries (GET /certificates/:code).
    code: 'ABCDEFGHJKLM',
  };
  return world;
}

async function insertAgency(db: DataSource, name: string, officer: string): Promise<string> {
  const rows = await db.query<Array<{ id: string }>>(
    `INSERT INTO agencies (name, name_key, aliases, alias_keys, link_officer_email, active)
     VALUES ($1, lower($1), '{}', '{}', $2, true) RETURNING id`,
    [name, officer],
  );
  return rows[0].id;
}

/** Signs a link officer in as a person does (the emailed link, its button), in a cookie jar. */
async function signInLinkOfficer(t: TestApp, email: string): Promise<Browser> {
  const browser = new Browser(t);
  await browser.get('/link-officer/sign-in');
  await browser.post('/link-officer/sign-in', { email });
  const mail = await t.mail.waitForMessage(email, (m) => m.subject.includes('sign in'));
  const token = /\/link-officer\/sign-in\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
  if (!token) throw new Error('no sign-in link in the link officer mail');
  await browser.get(`/link-officer/sign-in/${token}`);
  const signedIn = await browser.post(`/link-officer/sign-in/${token}`, {});
  if (signedIn.status !== 303) throw new Error(`link officer sign-in: ${signedIn.status}`);
  // The agency page's forms carry the token this browser's CSRF secret expects.
  const page = await browser.get('/link-officer');
  if (page.status !== 200 || !browser.csrf) throw new Error(`link officer page: ${page.status}`);
  return browser;
}

async function firstNotification(db: DataSource, eventId: string): Promise<string> {
  const columns = await db.query<Array<{ column_name: string }>>(
    `SELECT column_name FROM information_schema.columns WHERE table_name = 'notifications'`,
  );
  const byEvent = columns.some((c) => c.column_name === 'event_id');
  const rows = await db.query<Array<{ id: string }>>(
    byEvent ? 'SELECT id FROM notifications WHERE event_id = $1 LIMIT 1' : 'SELECT id FROM notifications LIMIT 1',
    byEvent ? [eventId] : [],
  );
  return rows[0]?.id ?? randomUUID();
}

async function firstRule(db: DataSource): Promise<string> {
  const rows = await db.query<Array<{ id: string }>>('SELECT id FROM reminder_rules LIMIT 1');
  return rows[0]?.id ?? randomUUID();
}

/** Fills :params from the world (or `overrides`); throws on a parameter nobody knows. */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for path parameter :${name} in ${path}`);
    return encodeURIComponent(value);
  });
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * One request over a fresh connection (no keep-alive, so nothing outlives the test), against
 * the listening app. Streams (server-sent events) are cut after the status line, so a route
 * that never ends still answers.
 */
export function call(
  world: World,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: unknown; rawBody?: string; contentType?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  // A page form is sent by the site's own page, so it carries the site's Origin (the API's routes need none).
  if (method !== 'GET' && !path.startsWith('/api/') && headers.origin === undefined) headers.origin = world.baseUrl;
  let body: string | undefined;
  if (options.rawBody !== undefined) {
    body = options.rawBody;
    headers['content-type'] = options.contentType ?? 'application/json';
  } else if (options.body !== undefined && method !== 'GET') {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(world.baseUrl + path, { method, headers, agent: false }, (res) => {
      const answerHeaders = new Headers();
      for (const [key, value] of Object.entries(res.headers)) {
        if (value !== undefined) answerHeaders.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const status = res.statusCode ?? 0;
      if ((res.headers['content-type'] ?? '').includes('text/event-stream')) {
        res.destroy();
        req.destroy();
        resolve({ status, headers: answerHeaders, text: '' });
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status, headers: answerHeaders, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Every route Fastify knows, from its printed route tree (so routes mounted as Fastify
 * plugins, outside Nest's controllers, are counted too). HEAD twins are left out.
 */
export function listFastifyRoutes(t: TestApp): AppRoute[] {
  const tree = t.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes: AppRoute[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    stack.length = depth;
    stack.push(match[2]);
    const path = stack.join('');
    for (const method of (match[3] ?? '').split(', ').filter((m) => m && m !== 'HEAD')) {
      routes.push({ method, path, key: `${method} ${path}` });
    }
  }
  return routes;
}

/** Waits until the outbox has delivered everything due, so no mail is in flight at close. */
export async function settleOutbox(t: TestApp): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    const [{ n }] = await t.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM notifications WHERE status IN ('pending', 'queued', 'sending') AND send_at <= now()`,
    );
    if (n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
