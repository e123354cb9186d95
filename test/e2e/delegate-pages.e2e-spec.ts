import { Writable } from 'node:stream';
import type { Event } from '../../src/events/event.entity.js';
import { insertEvent } from '../factories/db-fixtures.js';
import { tokenFromMail } from '../factories/registrations.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const APP = 'http://plenary.test';
const SAME_SITE = { origin: APP };
const HOUR = 3_600_000;

/** Every log line the app writes during this file. */
const logLines: string[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  },
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = 'application/x-www-form-urlencoded';

describe('delegate pages: register and lost link', () => {
  let t: TestApp;
  let event: Event;

  beforeAll(async () => {
    t = await createTestApp({ logLevel: 'info', appUrl: APP }, { logOutput: { pretty: false, destination: logSink } });
    event = await insertEvent(t.db, { title: 'Practice Network Meeting' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const register = (slug: string, fields: Record<string, string>, headers: Record<string, string> = SAME_SITE) =>
    t.http.post(`/events/${slug}/register`).set(headers).type(FORM).send(form(fields));

  it('shows the register form with labelled fields and the privacy text, never indexed', async () => {
    const page = await t.http.get(`/events/${event.slug}/register`).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<label for="email">Email address</label>');
    expect(page.text).toContain('<label for="consent">');
    expect(page.text).toContain('Only the event’s organisers see your access and dietary needs.');
    expect(page.text).toMatch(/<button type="submit">Register<\/button>/);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-robots-tag']).toBe('noindex');
  });

  it('re-renders a refused form with each message beside its field and the input kept (400, never JSON)', async () => {
    const response = await register(event.slug, { name: 'Dana Scully', email: 'not-an-address', organisation: 'FBI' });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.text).toContain('value="Dana Scully"');
    expect(response.text).toContain('value="not-an-address"');
    expect(response.text).toContain('id="email-error"');
    expect(response.text).toContain('id="consent-error"');
    expect(response.text).toContain('aria-describedby="email-hint email-error"');
    expect(response.text).toContain('There is a problem');
    const count = await t.db.query(`SELECT count(*)::int AS n FROM registrations WHERE event_id = $1`, [event.id]);
    expect(count[0].n).toBe(0);
  });

  it('registers, says the link is on its way (never showing it), and a repeat gets the same page', async () => {
    const email = 'fox.mulder@example.org';
    const from = t.mail.messages.length;
    const fields = { name: 'Fox Mulder', email, organisation: 'FBI', consent: 'yes' };
    const first = await register(event.slug, fields);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe(`/events/${event.slug}/register/sent`);
    const token = await tokenFromMail(t, email, from);
    const sent = await t.http.get(first.headers.location).expect(200);
    expect(sent.text).toContain('We have emailed your personal link');
    expect(sent.text).toContain('spam');
    expect(sent.text).not.toContain(token);

    const again = await register(event.slug, fields);
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe(first.headers.location);
    const count = await t.db.query(`SELECT count(*)::int AS n FROM registrations WHERE event_id = $1`, [event.id]);
    expect(count[0].n).toBe(1);
  });

  it('refuses a register form posted from another site (403 page), creating nothing', async () => {
    const response = await register(
      event.slug,
      { name: 'Eve', email: 'eve@example.org', consent: 'yes' },
      { origin: 'https://evil.example' },
    );
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    const rows = await t.db.query(`SELECT 1 FROM registrations WHERE email = 'eve@example.org'`);
    expect(rows).toHaveLength(0);
  });

  it('answers the lost-link form the same whether or not the address is registered', async () => {
    await register(event.slug, { name: 'Walter Skinner', email: 'skinner@example.org', consent: 'yes' }).expect(303);
    await tokenFromMail(t, 'skinner@example.org');
    const known = await t.http
      .post(`/events/${event.slug}/link`)
      .set(SAME_SITE)
      .type(FORM)
      .send(form({ email: 'skinner@example.org' }));
    const unknown = await t.http
      .post(`/events/${event.slug}/link`)
      .set(SAME_SITE)
      .type(FORM)
      .send(form({ email: 'nobody@example.org' }));
    expect([known.status, unknown.status]).toEqual([303, 303]);
    expect(known.headers.location).toBe(unknown.headers.location);
    const bad = await t.http
      .post(`/events/${event.slug}/link`)
      .set(SAME_SITE)
      .type(FORM)
      .send(form({ email: 'nope' }));
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('value="nope"');
    expect(bad.text).toContain('id="email-error"');
    const page = await t.http.get(known.headers.location).expect(200);
    expect(page.text).toContain('If that address is registered for this event');
  });

  it('answers a broken personal link with a friendly 404 and the lost-link form', async () => {
    const page = await t.http.get('/r/not-a-personal-link-token').expect(404);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-robots-tag']).toBe('noindex');
    expect(page.text).toContain('action="/link"');
    expect(page.text).toContain('<label for="email">');
    const refused = await t.http
      .post('/link')
      .set(SAME_SITE)
      .type(FORM)
      .send(form({ event: 'nope', email: 'x' }));
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('id="event-error"');
  });

  it('invites people to register on the agenda page: open, full, opening later, closed', async () => {
    const open = await t.http.get(`/events/${event.slug}`).expect(200);
    expect(open.text).toContain(`href="/events/${event.slug}/register"`);
    expect(open.text).toContain('Registration is open.');

    const full = await insertEvent(t.db, { capacity: 1 });
    await register(full.slug, { name: 'First', email: 'first@example.org', consent: 'yes' }).expect(303);
    const fullPage = await t.http.get(`/events/${full.slug}`).expect(200);
    expect(fullPage.text).toContain('The event is full — join the waiting list.');
    expect(fullPage.text).toContain('Join the waiting list</a>');

    const later = await insertEvent(t.db, { registrationOpensAt: new Date(Date.now() + 48 * HOUR) });
    const laterPage = await t.http.get(`/events/${later.slug}`).expect(200);
    expect(laterPage.text).toContain('Registration opens on');
    expect(laterPage.text).not.toContain(`href="/events/${later.slug}/register"`);
    const laterForm = await t.http.get(`/events/${later.slug}/register`).expect(200);
    expect(laterForm.text).not.toContain('<form method="post"');

    const closed = await insertEvent(t.db, { registrationClosesAt: new Date(Date.now() - HOUR) });
    const closedPage = await t.http.get(`/events/${closed.slug}`).expect(200);
    expect(closedPage.text).toContain('Registration is closed.');
    const refused = await register(closed.slug, { name: 'Late', email: 'late@example.org', consent: 'yes' });
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toMatch(/text\/html/);
    expect(refused.text).toContain('closed');
  });

  it('keeps every personal-link token out of the log lines', async () => {
    const tokens = t.mail.messages.flatMap((m) => [...m.text.matchAll(/\/r\/([A-Za-z0-9_-]{43})/g)].map((x) => x[1]));
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) await t.http.get(`/r/${token}`).expect(200);
    expect(logLines.some((line) => line.includes('/r/[redacted]'))).toBe(true);
    for (const token of tokens) expect(logLines.filter((line) => line.includes(token))).toEqual([]);
  });
});
