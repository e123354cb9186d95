import { DataSource } from 'typeorm';
import { KeyRing } from '../../src/platform/crypto/key-ring.js';
import { SecretBox } from '../../src/platform/crypto/secret-box.js';
import { RemindersService } from '../../src/reminders/reminders.service.js';
import { insertEvent, insertMember, insertRegistration, insertSession } from '../factories/db-fixtures.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import nodeIcal from 'node-ical';

const DAY = 86_400_000;

async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('reminders', () => {
  let t: TestApp;
  let organiser: StaffUser;
  let outsider: StaffUser;

  beforeAll(async () => {
    t = await createTestApp({ reminderSyncMs: 60_000 });
    organiser = await newStaff(t);
    outsider = await newStaff(t);
  });
  afterAll(async () => {
    await t.close();
  });

  async function eventWithDelegates(startsInMs: number, delegates = 3) {
    const event = await insertEvent(t.db, {
      startsAt: new Date(Date.now() + startsInMs),
      endsAt: new Date(Date.now() + startsInMs + DAY),
      timezone: 'Europe/Lisbon',
      venue: 'Conference Centre',
    });
    await insertMember(t.db, event.id, organiser.id, 'organiser');
    const box = new SecretBox(t.app.get(KeyRing), 'personal-link');
    const confirmed = [];
    for (let i = 0; i < delegates; i++) {
      const inserted = await insertRegistration(t.db, event.id, { name: `Delegate ${i}` });
      // Delegates who have used their link, so mail greets them by name.
      await t.db.query('UPDATE registrations SET token_sealed = $2, link_used_at = now() WHERE id = $1', [
        inserted.registration.id,
        box.seal(inserted.token),
      ]);
      confirmed.push(inserted);
    }
    const waitlisted = await insertRegistration(t.db, event.id, { status: 'waitlisted', waitlistSeq: '1' });
    return { event, confirmed, waitlisted };
  }

  const rows = (eventId: string) =>
    t.db.query<Array<{ registration_id: string; status: string; send_at: Date; data: { sessionId: string | null } }>>(
      `SELECT registration_id, status, send_at, data FROM notifications WHERE event_id = $1 AND kind = 'reminder'`,
      [eventId],
    );

  it('validates rules with messages a person can act on', async () => {
    const { event } = await eventWithDelegates(10 * DAY, 0);
    const put = (body: unknown, auth = organiser.auth) =>
      t.http
        .put(`/api/events/${event.id}/reminder-rules`)
        .set(auth)
        .send(body as object);
    expect((await put([{ before: 'P1D', after: 'P1D' }])).body.message).toMatch(/exactly one of "before" or "after"/);
    expect((await put([{ before: 'P1M' }])).status).toBe(400);
    expect((await put([{ after: 'P1D', scope: 'session' }])).body.message).toMatch(/not for sessions/);
    expect((await put([{ before: 'P1D', colour: 'red' }])).status).toBe(400);
    expect((await put({ before: 'P1D' })).status).toBe(400);
    expect((await put([{ before: 'P1D' }, { before: 'PT24H' }])).body.message).toMatch(/same time/);
    expect((await put([{ before: 'P1D' }], outsider.auth)).status).toBe(403);
    await t.http
      .put(`/api/events/${event.id}/reminder-rules`)
      .send([{ before: 'P1D' }])
      .expect(401);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM reminder_rules WHERE event_id = $1', [event.id]);
    expect(n).toBe(0);
  });

  it('expands rules into one row per confirmed delegate, skipping times already past', async () => {
    const { event, confirmed, waitlisted } = await eventWithDelegates(3 * DAY);
    const workshop = await insertSession(t.db, event, { title: 'Power mapping' });
    await t.db.query(`INSERT INTO session_signups (session_id, registration_id, status) VALUES ($1, $2, 'confirmed')`, [
      workshop.id,
      confirmed[0].registration.id,
    ]);
    const response = await t.http
      .put(`/api/events/${event.id}/reminder-rules`)
      .set(organiser.auth)
      .send([
        { before: 'P7D' },
        { before: 'P1D', subject: 'See you soon, {{name}}' },
        { before: 'PT1H', scope: 'session' },
        { after: 'P1D' },
      ])
      .expect(200);
    expect(response.body).toHaveLength(4);
    expect(response.body[2]).toMatchObject({ before: 'PT1H', scope: 'session' });

    const scheduled = await rows(event.id);
    // P7D before an event three days away has passed: no stale reminder.
    expect(scheduled).toHaveLength(3 + 3 + 1);
    expect(scheduled.every((r) => r.registration_id !== waitlisted.registration.id)).toBe(true);
    expect(scheduled.filter((r) => r.data.sessionId === workshop.id)).toHaveLength(1);

    // Same rules again: nothing changes.
    await t.http
      .put(`/api/events/${event.id}/reminder-rules`)
      .set(organiser.auth)
      .send(response.body.map(({ id: _id, ...rule }: { id: string }) => rule))
      .expect(200);
    expect(await rows(event.id)).toHaveLength(7);
  });

  it('moves unsent reminders when the event moves and cancels those of a cancelled delegate', async () => {
    const { event, confirmed } = await eventWithDelegates(3 * DAY, 2);
    await t.http
      .put(`/api/events/${event.id}/reminder-rules`)
      .set(organiser.auth)
      .send([{ before: 'P1D' }])
      .expect(200);
    const later = new Date(event.startsAt.getTime() + 3600_000);
    await t.db.query('UPDATE events SET starts_at = $2 WHERE id = $1', [event.id, later]);
    await t.db.query(`UPDATE registrations SET status = 'cancelled' WHERE id = $1`, [confirmed[1].registration.id]);
    await t.db.transaction((manager) => t.app.get(RemindersService).syncEvent(manager, event.id));
    const after = await rows(event.id);
    const mine = after.find((r) => r.registration_id === confirmed[0].registration.id)!;
    expect(mine.send_at.getTime()).toBe(later.getTime() - DAY);
    expect(after.find((r) => r.registration_id === confirmed[1].registration.id)!.status).toBe('cancelled');
  });

  it('sends a due reminder with the delegate’s workshops in the event’s time zone, the link and a calendar', async () => {
    const { event, confirmed } = await eventWithDelegates(DAY + 4_000, 1);
    const workshop = await insertSession(t.db, event, {
      title: 'Values first <b>workshop</b>',
      startsAt: new Date(Date.UTC(2030, 5, 10, 13, 0)),
      endsAt: new Date(Date.UTC(2030, 5, 10, 14, 30)),
      room: 'Room 2',
    });
    await t.db.query(`INSERT INTO session_signups (session_id, registration_id, status) VALUES ($1, $2, 'confirmed')`, [
      workshop.id,
      confirmed[0].registration.id,
    ]);
    await t.http
      .put(`/api/events/${event.id}/reminder-rules`)
      .set(organiser.auth)
      .send([{ before: 'P1D' }])
      .expect(200);
    const email = confirmed[0].registration.email;
    await until(async () => t.mail.to(email).length === 1);
    const [mail] = t.mail.to(email);
    expect(mail.subject).toBe(`Reminder: ${event.title} starts in 1 day`);
    // Lisbon is UTC+1 in June.
    expect(mail.text).toContain('Values first <b>workshop</b> (Mon 10 Jun, 14:00–15:30 GMT+1, Room 2)');
    expect(mail.html).toContain('Values first &lt;b&gt;workshop&lt;/b&gt;');
    expect(mail.text).toContain(`/r/${confirmed[0].token}`);
    const ics = mail.attachments.find((a) => a.filename === 'my-sessions.ics');
    const parsed = Object.values(nodeIcal.sync.parseICS(ics!.content)).filter((c) => c?.type === 'VEVENT');
    expect(parsed).toHaveLength(1);
    await until(async () => (await rows(event.id))[0].status === 'sent');
  });

  it('never sends a reminder whose registration was cancelled after it was scheduled', async () => {
    const { event, confirmed } = await eventWithDelegates(DAY + 2_000, 1);
    await t.http
      .put(`/api/events/${event.id}/reminder-rules`)
      .set(organiser.auth)
      .send([{ before: 'P1D' }])
      .expect(200);
    // Cancelled behind the sync's back: the check when it is due still stops it.
    await t.db.query(`UPDATE registrations SET status = 'cancelled' WHERE id = $1`, [confirmed[0].registration.id]);
    await until(async () => (await rows(event.id))[0].status === 'cancelled');
    expect(t.mail.to(confirmed[0].registration.email)).toHaveLength(0);
  });

  it('lists the outbox with counts and the last error, and retries a failed email', async () => {
    const { event, confirmed } = await eventWithDelegates(DAY + 1_000, 1);
    t.mail.fault = () => ({ kind: 'reject', code: 550, message: 'Mailbox unavailable' });
    await t.http
      .put(`/api/events/${event.id}/reminder-rules`)
      .set(organiser.auth)
      .send([{ before: 'P1D' }])
      .expect(200);
    await until(async () => (await rows(event.id))[0].status === 'failed');
    t.mail.fault = () => ({ kind: 'accept' });

    const list = await t.http
      .get(`/api/events/${event.id}/notifications?status=failed`)
      .set(organiser.auth)
      .expect(200);
    expect(list.body.total).toBe(1);
    expect(list.body.counts).toMatchObject({ failed: 1, sent: 0 });
    expect(list.body.lastError).toMatch(/550 .*Mailbox unavailable/);
    await t.http.get(`/api/events/${event.id}/notifications?status=lost`).set(organiser.auth).expect(400);
    await t.http.get(`/api/events/${event.id}/notifications`).set(outsider.auth).expect(403);

    const id = list.body.items[0].id as string;
    await t.http.post(`/api/events/${event.id}/notifications/${id}/retry`).set(outsider.auth).expect(403);
    await t.http.post(`/api/events/${event.id}/notifications/${id}/retry`).set(organiser.auth).expect(202);
    await until(async () => t.mail.to(confirmed[0].registration.email).length === 1);
    await until(async () => (await rows(event.id))[0].status === 'sent');
    const again = await t.http
      .post(`/api/events/${event.id}/notifications/${id}/retry`)
      .set(organiser.auth)
      .expect(409);
    expect(again.body.message).toMatch(/Only failed emails/);
    await t.http.post(`/api/events/${event.id}/notifications/not-a-uuid/retry`).set(organiser.auth).expect(400);
  });

  it('previews a rule for a sample delegate without their personal link', async () => {
    const { event, confirmed } = await eventWithDelegates(10 * DAY, 1);
    const rules = await t.http
      .put(`/api/events/${event.id}/reminder-rules`)
      .set(organiser.auth)
      .send([{ before: 'P2D', subject: 'Hi {{name}}', message: 'See you at {{venue}}.\n\nBring {{unknown}}.' }])
      .expect(200);
    const preview = await t.http
      .get(`/api/events/${event.id}/reminder-rules/${rules.body[0].id}/preview`)
      .set(organiser.auth)
      .expect(200);
    expect(preview.body.subject).toBe('Hi Delegate 0');
    expect(preview.body.text).toContain('See you at Conference Centre.');
    expect(preview.body.text).toContain('Bring {{unknown}}.');
    expect(preview.body.text).not.toContain(confirmed[0].token);
    expect(preview.body.attachments).toEqual(['event.ics']);
  });

  it('sends nothing for an event that is no longer published', async () => {
    const { event, confirmed } = await eventWithDelegates(DAY + 2_000, 1);
    await t.http
      .put(`/api/events/${event.id}/reminder-rules`)
      .set(organiser.auth)
      .send([{ before: 'P1D' }])
      .expect(200);
    await t.db.query(`UPDATE events SET status = 'cancelled' WHERE id = $1`, [event.id]);
    await t.app.get(DataSource).transaction((manager) => t.app.get(RemindersService).syncEvent(manager, event.id));
    expect((await rows(event.id))[0].status).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(t.mail.to(confirmed[0].registration.email)).toHaveLength(0);
  });
});
