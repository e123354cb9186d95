import { randomUUID } from 'node:crypto';
import { insertEvent, insertMember } from '../factories/db-fixtures.js';
import { newStaff } from '../factories/staff.factory.js';
import { Browser } from '../setup/staff-browser.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('mail page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
  });
  afterAll(async () => {
    await t.close();
  });

  // Due tomorrow, so the running worker leaves the waiting one alone.
  const insertMail = async (eventId: string, status: string, recipient: string, lastError: string | null = null) => {
    const [row] = await t.db.query<Array<{ id: string }>>(
      `INSERT INTO notifications (kind, recipient, send_at, dedupe_key, status, sent_at, last_error, attempts, event_id)
       VALUES ('registration-confirmed', $1, now() + interval '1 day', $2, $3, CASE WHEN $3 = 'sent' THEN now() END, $4, CASE WHEN $3 = 'failed' THEN 6 ELSE 0 END, $5)
       RETURNING id`,
      [recipient, `test:mail-page:${randomUUID()}`, status, lastError, eventId],
    );
    return row.id;
  };
  const statusOf = async (id: string) =>
    (await t.db.query<Array<{ status: string }>>('SELECT status FROM notifications WHERE id = $1', [id]))[0].status;

  it('shows the outbox by status with the error, and sends a failed email again (CSRF token needed)', async () => {
    const organiser = await newStaff(t);
    const event = await insertEvent(t.db);
    await insertMember(t.db, event.id, organiser.id, 'organiser');
    await insertMail(event.id, 'sent', 'sent@example.org');
    await insertMail(event.id, 'pending', 'waiting@example.org');
    const failed = await insertMail(event.id, 'failed', 'bounced@example.org', '550 mailbox unavailable');
    const sent = await insertMail(event.id, 'sent', 'also-sent@example.org');
    const browser = new Browser(t);
    await browser.signIn(organiser);
    const mail = `/staff/events/${event.id}/mail`;

    const page = await browser.get(mail);
    expect(page.status).toBe(200);
    const figures = Object.fromEntries(
      [...page.text.matchAll(/<dt>([^<]+)<\/dt><dd>(\d+)<\/dd>/g)].map((m) => [m[1], Number(m[2])]),
    );
    expect(figures).toMatchObject({ 'Waiting to go': 1, Sent: 2, Failed: 1, Cancelled: 0 });
    expect(page.text).toContain('Most recent delivery error: 550 mailbox unavailable');
    expect(page.text).toContain('Showing 1 to 4 of 4');
    expect(page.text).not.toContain('Queue dashboard');

    const onlyFailed = await browser.get(`${mail}?status=failed`);
    expect(onlyFailed.text).toContain('Showing 1 to 1 of 1');
    expect(onlyFailed.text).toContain('bounced@example.org');
    expect(onlyFailed.text).toContain(
      'aria-label="Send the registration-confirmed email to bounced@example.org again"',
    );

    expect((await browser.post(`${mail}/${failed}/retry`, {}, { csrf: false })).status).toBe(403);
    expect(await statusOf(failed)).toBe('failed');
    const retried = await browser.post(`${mail}/${failed}/retry`, {});
    expect(retried.status).toBe(303);
    expect(retried.headers.location).toBe(`${mail}?status=failed`);
    // Back in the outbox: the dispatcher may already have claimed it again.
    expect(['pending', 'queued', 'sending', 'sent']).toContain(await statusOf(failed));
    expect((await browser.get(`${mail}?status=failed`)).text).toContain('The email will be sent again shortly.');

    const notFailed = await browser.post(`${mail}/${sent}/retry`, {});
    expect(notFailed.status).toBe(409);
    expect(notFailed.headers['content-type']).toMatch(/text\/html/);
    expect(await statusOf(sent)).toBe('sent');
    expect((await browser.get(`${mail}?status=lost`)).status).toBe(400);
    expect((await browser.post(`${mail}/${randomUUID()}/retry`, {})).status).toBe(404);
  });

  it('organisers only; an administrator also gets the queue dashboard link', async () => {
    const event = await insertEvent(t.db);
    const facilitator = await newStaff(t);
    await insertMember(t.db, event.id, facilitator.id, 'facilitator');
    const theirs = new Browser(t);
    await theirs.signIn(facilitator);
    const mail = `/staff/events/${event.id}/mail`;
    expect((await theirs.get(mail)).status).toBe(403);
    expect((await t.http.get(mail)).status).toBe(303);
    const admin = new Browser(t);
    await admin.signIn({ email: t.config.adminEmail, password: t.config.adminPassword });
    const page = await admin.get(mail);
    expect(page.status).toBe(200);
    expect(page.text).toContain('href="/admin/queues"');

    // The link works with the console's cookie: the board for an administrator, nobody else.
    expect((await admin.get('/admin/queues')).status).toBe(200);
    expect((await theirs.get('/admin/queues')).status).toBe(403);
    expect((await t.http.get('/admin/queues')).status).toBe(401);
    // With the cookie, a change must come from this site's own pages.
    const crossSite = await t.http
      .put('/admin/queues/api/queues/notifications/pause')
      .set('Cookie', admin.cookie)
      .set('Origin', 'https://evil.example');
    expect(crossSite.status).toBe(403);
  });
});
