import { mkdir, rm, writeFile } from 'node:fs/promises';
import { LinkOfficersService } from '../../src/link-officers/link-officers.service.js';
import { DataSource } from 'typeorm';
import { ImpactFollowUpService } from '../../src/evidence/impact-follow-up.service.js';
import { FeedbackService } from '../../src/evidence/feedback.service.js';
import { NotificationKind } from '../../src/outbox/notification-kind.js';
import { OutboxService } from '../../src/outbox/outbox.service.js';
import { AppConfig } from '../../src/platform/config/app-config.js';
import { senderDomain } from '../../src/platform/mail/message-id.js';
import { addSession, addSpeaker, newEvent, publishEvent } from '../factories/events.factory.js';
import { register, registrationBody } from '../factories/registrations.factory.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import type { CapturedMail } from '../setup/smtp-capture.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/**
 * Mail that lands: every kind of email Plenary sends is captured once and checked for what spam
 * filters and mail clients look at. The captured messages are written to test-artifacts/mail/
 * for scripts/spam-score.sh.
 */

const ARTIFACTS = new URL('../../test-artifacts/mail/', import.meta.url);
import { newCanvas } from '../factories/canvas.factory.js';
import { CanvasesRepository } from '../../src/canvas/canvases.repository.js';
import { WriteUpMail } from '../../src/canvas/write-up-mail.js';

/** Kinds a delegate may stop: they carry the one-click List-Unsubscribe pair. */
const OPTIONAL_KINDS = new Set<string>([
  NotificationKind.Reminder,
  NotificationKind.FeedbackReminder,
  NotificationKind.ImpactFollowUp,
]);

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

const header = (mail: CapturedMail, name: string): string | undefined =>
  mail.headers.find((h) => h.key.toLowerCase() === name)?.value;

describe('mail that lands', () => {
  let t: TestApp;
  let organiser: StaffUser;
  let domain: string;
  /** Captured mail with the kind of the outbox row it was sent for (its Message-ID names the row). */
  const sent: Array<{ kind: string; mail: CapturedMail }> = [];
  /** A registrant who never opened their link: their typed name must not reach their mailbox. */
  const stranger = registrationBody({ name: 'Dora www.cheap-pills.example' });
  let eventId: string;

  beforeAll(async () => {
    t = await createTestApp({ agendaChangeDebounceMs: 300, agendaChangeMaxDelayMs: 1_000, rateLimitDisabled: true });
    organiser = await newStaff(t);
    domain = senderDomain(t.app.get(AppConfig).mailFrom);

    const event = await newEvent(t, organiser, { capacity: 3, venue: 'Town Hall' });
    eventId = event.id;
    const speaker = await addSpeaker(t, organiser, event.id);
    const workshop = await addSession(t, organiser, event, {
      title: 'Mapping the network',
      kind: 'workshop',
      capacity: 1,
      room: 'Room 4',
      speakerIds: [speaker.id],
    });
    await publishEvent(t, organiser, event.id);

    const ann = await register(t, event.id, { name: 'Ann Able' });
    const cal = await register(t, event.id, { name: 'Cal Cole' });
    await t.http.post(`/api/events/${event.id}/registrations`).send(stranger).expect(202);
    const ben = await register(t, event.id, { name: 'Ben Bell' });
    expect(ben.status).toBe('waitlisted');
    await t.http.post(`/api/events/${event.id}/registrations/resend-link`).send({ email: ann.email }).expect(202);

    // A workshop place passes from Ann to Cal; then the workshop changes room.
    await t.http.put(`/api/registrations/me/sessions/${workshop.id}`).set(ann.auth).expect(200);
    // Her place's confirmation is written when it goes: it must go before she leaves.
    await t.mail.waitForMessage(ann.email, (m) => m.subject.startsWith('Your place in the workshop'));
    await t.http.put(`/api/registrations/me/sessions/${workshop.id}`).set(cal.auth).expect(200);
    await t.http.delete(`/api/registrations/me/sessions/${workshop.id}`).set(ann.auth).expect(204);
    await t.http
      .patch(`/api/events/${event.id}/sessions/${workshop.id}`)
      .set(organiser.auth)
      .send({ room: 'Room 5' })
      .expect(200);
    await t.http.patch(`/api/events/${event.id}`).set(organiser.auth).send({ venue: 'Guildhall' }).expect(200);

    // Reminders before the event, before the workshop, and the follow-up, all made due now.
    await t.http
      .put(`/api/events/${event.id}/reminder-rules`)
      .set(organiser.auth)
      .send([{ before: 'P1D' }, { before: 'PT1H', scope: 'session' }, { after: 'P1D' }])
      .expect(200);
    await until(async () => (await reminderCount()) >= 3, 'the reminders to be scheduled');
    await t.db.query(`UPDATE notifications SET send_at = now() WHERE event_id = $1 AND kind = 'reminder'`, [event.id]);
    await until(
      async () => (await reminderCount(`status IN ('sent', 'cancelled', 'failed')`)) === (await reminderCount()),
      'the reminders to go',
    );

    // The day comes: Cal is at the door and has not given feedback yet, so is reminded to.
    await t.db.query(`UPDATE events SET starts_at = now() - interval '1 hour' WHERE id = $1`, [event.id]);
    await t.db.query(`UPDATE registrations SET checked_in_at = now() WHERE id = $1`, [cal.id]);
    expect(await t.app.get(FeedbackService).remindUnanswered(event.id)).toBeGreaterThan(0);

    // Cal posts on the workshop's canvas; its write-up goes to him.
    const canvas = await newCanvas(t, event.id, organiser, { anonymous: false });
    await t.http
      .post(`/api/canvases/join/${canvas.joinCode}/notes`)
      .set(cal.auth)
      .send({ section: 'values', text: 'Solidarity' })
      .expect(201);
    const canvasRow = await t.app.get(CanvasesRepository).findCanvas(canvas.id);
    expect(await t.app.get(WriteUpMail).send(canvasRow!)).toBe(1);

    // Eight days on, the impact follow-up goes to those who attended.
    await t.db.query(
      `INSERT INTO impact_follow_ups (event_id, after_count, after_unit, rating_question, practice_question)
       VALUES ($1, 1, 'weeks', 'Has it stuck?', 'What changed?')`,
      [event.id],
    );
    await t.db.query(
      `UPDATE events SET starts_at = now() - interval '9 days', ends_at = now() - interval '8 days' WHERE id = $1`,
      [event.id],
    );
    expect(await t.app.get(ImpactFollowUpService).sendDue()).toBeGreaterThan(0);

    // Ann leaves: Ben is promoted.
    await t.http.delete('/api/registrations/me').set(ann.auth).expect(204);
    await t.app.get(DataSource).transaction((manager) =>
      t.app.get(OutboxService).enqueue(manager, {
        kind: NotificationKind.Message,
        recipient: 'someone@example.org',
        data: { subject: 'A note from the organisers', paragraphs: ['The cloakroom opens at 8:30.'] },
        sendAt: new Date(),
        dedupeKey: `mail-that-lands:${event.id}`,
        eventId: event.id,
      }),
    );
    // A link officer asks for a sign-in link, then hands the role to a colleague.
    const [agency] = await t.db.query<Array<{ id: string; name: string }>>(
      `INSERT INTO agencies (name, name_key, aliases, alias_keys, link_officer_email, active)
       VALUES ('Mail Test Trust', 'mail test trust', '{}', '{}', 'officer@example.org', true) RETURNING id, name`,
    );
    t.app.get(LinkOfficersService).requestSignIn('officer@example.org');
    await until(
      async () => (await t.db.query(`SELECT 1 FROM notifications WHERE kind = 'link-officer-sign-in'`)).length > 0,
      'the sign-in link to be written',
    );
    await t.app.get(LinkOfficersService).handOver('officer@example.org', agency, 'colleague@example.org');
    // The link officer passed a colleague's place on (the swap itself: link-officer-colleagues.e2e-spec.ts).
    await t.app.get(DataSource).transaction((manager) =>
      t.app.get(OutboxService).enqueue(manager, {
        kind: NotificationKind.RegistrationPassedOn,
        recipient: 'passed-on@example.org',
        data: { eventTitle: 'Network Annual Meeting', agencyName: agency.name },
        sendAt: new Date(),
        dedupeKey: `mail-that-lands:passed-on:${event.id}`,
        eventId: event.id,
      }),
    );
    await until(async () => (await unsentCount()) === 0, 'every email to go');
    await t.http.post(`/api/events/${event.id}/cancel`).set(organiser.auth).expect(200);
    await until(async () => (await unsentCount()) === 0, 'the cancellation emails to go');

    const kinds = new Map(
      (
        await t.db.query<Array<{ id: string; kind: string }>>(
          `SELECT id, kind FROM notifications WHERE status = 'sent'`,
        )
      ).map((row) => [row.id, row.kind]),
    );
    for (const mail of t.mail.messages) {
      const id = /^<?([0-9a-f-]{36})@/.exec(mail.messageId)?.[1];
      const kind = id ? kinds.get(id) : undefined;
      if (kind) sent.push({ kind, mail });
    }
    await rm(ARTIFACTS, { recursive: true, force: true });
    await mkdir(ARTIFACTS, { recursive: true });
    await Promise.all(sent.map(({ kind, mail }, i) => writeFile(new URL(`${i}-${kind}.eml`, ARTIFACTS), mail.raw)));
  }, 180_000);

  afterAll(async () => {
    await t.close();
  });

  async function reminderCount(where = 'true'): Promise<number> {
    const [row] = await t.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM notifications WHERE event_id = $1 AND kind = 'reminder' AND ${where}`,
      [eventId],
    );
    return row.n;
  }

  async function unsentCount(): Promise<number> {
    const [row] = await t.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM notifications WHERE status IN ('pending', 'queued', 'sending') AND send_at <= now() + interval '2 seconds'`,
    );
    return row.n;
  }

  it('captured every kind of email there is', () => {
    const seen = new Set(sent.map((s) => s.kind));
    expect([...Object.values(NotificationKind)].filter((kind) => !seen.has(kind))).toEqual([]);
  });

  it('gives each a Message-ID on the sender’s domain, Auto-Submitted: auto-generated and a bracketed To', () => {
    for (const { kind, mail } of sent) {
      expect({ kind, id: mail.messageId.endsWith(`@${domain}>`) }).toEqual({ kind, id: true });
      expect({ kind, auto: header(mail, 'auto-submitted') }).toEqual({ kind, auto: 'auto-generated' });
      expect({ kind, to: /^To: <[^>]+>\r?$/m.test(mail.raw) }).toEqual({ kind, to: true });
    }
  });

  it('offers one-click List-Unsubscribe on reminders and follow-ups only', () => {
    for (const { kind, mail } of sent) {
      const unsubscribe = header(mail, 'list-unsubscribe');
      if (OPTIONAL_KINDS.has(kind)) {
        expect(unsubscribe).toMatch(/^<http:\/\/[^>]+\/reminders\/stop\/[^>]+>$/);
        expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
        expect(header(mail, 'list-id')).toBe(`<reminders.${eventId}.${domain}>`);
        expect(mail.text).toContain(unsubscribe!.slice(1, -1));
      } else {
        expect({ kind, unsubscribe }).toEqual({ kind, unsubscribe: undefined });
      }
    }
  });

  it('has no small or grey text', () => {
    for (const { kind, mail } of sent) {
      const sizes = [...mail.html.matchAll(/font-size:\s*([^;"]+)/g)].map((m) => m[1].trim());
      expect({ kind, sizes: sizes.filter((size) => size !== '16px') }).toEqual({ kind, sizes: [] });
      expect({ kind, grey: /color:\s*#(?!1a1a1a)[0-9a-f]{3,6}\b|color:\s*gr[ae]y/i.test(mail.html) }).toEqual({
        kind,
        grey: false,
      });
    }
  });

  it('never puts a typed name into the mailbox of someone who has not opened their link', () => {
    const mails = t.mail.to(stranger.email);
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) {
      expect(mail.text).not.toContain('cheap-pills');
      expect(mail.html).not.toContain('cheap-pills');
    }
  });

  it('names the room in the workshop reminder', () => {
    const reminder = sent.find(({ mail }) => mail.subject.startsWith('Reminder: Mapping the network'));
    expect(reminder?.mail.text).toContain('in Room 5');
    expect(reminder?.mail.text).toContain('Where: Room 5, Guildhall.');
  });
});

describe('stopping reminders', () => {
  let t: TestApp;
  let organiser: StaffUser;

  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
    organiser = await newStaff(t);
  });

  afterAll(async () => {
    await t.close();
  });

  async function remindedDelegate() {
    const event = await newEvent(t, organiser);
    await publishEvent(t, organiser, event.id);
    const delegate = await register(t, event.id);
    await t.http
      .put(`/api/events/${event.id}/reminder-rules`)
      .set(organiser.auth)
      .send([{ before: 'P1D' }])
      .expect(200);
    await t.db.query(`UPDATE notifications SET send_at = now() WHERE event_id = $1 AND kind = 'reminder'`, [event.id]);
    const reminder = await t.mail.waitForMessage(delegate.email, (m) => m.subject.startsWith('Reminder:'));
    const url = new URL(header(reminder, 'list-unsubscribe')!.slice(1, -1));
    return { event, delegate, path: url.pathname };
  }

  it('stops them with the mailbox provider’s one-click POST, sent from its own servers', async () => {
    const { event, delegate, path } = await remindedDelegate();
    const page = await t.http
      .post(path)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('Reminders stopped');
    const rows = await t.db.query(`SELECT 1 FROM reminder_opt_outs WHERE registration_id = $1`, [delegate.id]);
    expect(rows).toHaveLength(1);

    // A new rule schedules nothing that would reach them.
    await t.http
      .put(`/api/events/${event.id}/reminder-rules`)
      .set(organiser.auth)
      .send([{ before: 'P1D' }, { before: 'PT2H' }])
      .expect(200);
    await t.db.query(
      `UPDATE notifications SET send_at = now() WHERE event_id = $1 AND kind = 'reminder' AND status = 'pending'`,
      [event.id],
    );
    await until(async () => {
      const [row] = await t.db.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM notifications WHERE event_id = $1 AND kind = 'reminder' AND status IN ('pending', 'queued', 'sending')`,
        [event.id],
      );
      return row.n === 0;
    }, 'the reminders to settle');
    expect(t.mail.to(delegate.email).filter((m) => m.subject.startsWith('Reminder:'))).toHaveLength(1);
  });

  it('asks before stopping when the link is opened, and changes nothing on GET', async () => {
    const { delegate, path } = await remindedDelegate();
    const page = await t.http.get(path).expect(200);
    expect(page.text).toContain('<main');
    expect(page.text).toMatch(/<form method="post" action="\/reminders\/stop\/[^"]+">/);
    expect(page.headers['cache-control']).toBe('no-store');
    const rows = await t.db.query(`SELECT 1 FROM reminder_opt_outs WHERE registration_id = $1`, [delegate.id]);
    expect(rows).toHaveLength(0);
  });

  it('answers a forged or altered link with a not-found page, changing nothing', async () => {
    const { delegate, path } = await remindedDelegate();
    const forged = path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const response = await t.http.post(forged).expect(404);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    await t.http.get('/reminders/stop/not-a-token').expect(404);
    await t.http.post(`/reminders/stop/${delegate.id}`).expect(404);
    const rows = await t.db.query(`SELECT 1 FROM reminder_opt_outs WHERE registration_id = $1`, [delegate.id]);
    expect(rows).toHaveLength(0);
  });
});
