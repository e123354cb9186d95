import ical, { type VEvent } from 'node-ical';
import { insertRegistration } from '../factories/db-fixtures.js';
import { addSession, addSpeaker, newEvent, publishEvent, type EventBody } from '../factories/events.factory.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import type { CapturedMail } from '../setup/smtp-capture.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/** Calendars that follow every change: what the feed and the change emails tell a calendar. */

const vevents = (text: string): VEvent[] =>
  Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');

const icsOf = (mail: CapturedMail): string | undefined =>
  mail.attachments.find((a) => a.filename?.endsWith('.ics'))?.content;

describe('calendars follow the agenda', () => {
  let t: TestApp;
  let organiser: StaffUser;

  beforeAll(async () => {
    t = await createTestApp({ agendaChangeDebounceMs: 500 });
    organiser = await newStaff(t);
  });

  afterAll(async () => {
    await t.close();
  });

  async function signUp(eventId: string, sessionId: string, email: string, status = 'confirmed') {
    const delegate = await insertRegistration(t.db, eventId, { email, name: 'Dee Delegate' });
    await t.db.query(
      `INSERT INTO session_signups (session_id, registration_id, status, waitlist_seq)
       VALUES ($1, $2, $3, CASE WHEN $3 = 'waitlisted' THEN 1 END)`,
      [sessionId, delegate.registration.id, status],
    );
    return delegate;
  }

  describe('a session deleted after publishing', () => {
    let event: EventBody;
    let sessionId: string;
    const speakerEmail = 'removed.speaker@example.org';
    const delegateEmail = 'removed.delegate@example.org';

    beforeAll(async () => {
      event = await newEvent(t, organiser);
      const speaker = await addSpeaker(t, organiser, event.id, { email: speakerEmail });
      const session = await addSession(t, organiser, event, {
        title: 'Doomed workshop',
        kind: 'workshop',
        capacity: 10,
        speakerIds: [speaker.id],
      });
      sessionId = session.id;
      await addSession(t, organiser, event, { title: 'Keynote', offsetHours: 3 });
      await publishEvent(t, organiser, event.id);
      await signUp(event.id, sessionId, delegateEmail);
      await t.http.delete(`/api/events/${event.id}/sessions/${sessionId}`).set(organiser.auth).expect(204);
    });

    it('stays in the feed as STATUS:CANCELLED with SEQUENCE raised', async () => {
      const feed = await t.http.get(`/api/events/${event.id}/agenda.ics`).expect(200);
      const removed = vevents(feed.text).find((v) => v.uid === `session-${sessionId}@plenary`);
      expect(removed).toMatchObject({ status: 'CANCELLED', summary: 'Doomed workshop' });
      expect(Number(removed!.sequence)).toBe(1);
      expect(vevents(feed.text).find((v) => v.summary === 'Keynote')?.status).toBe('CONFIRMED');
    });

    it('is gone everywhere else: the agenda JSON and page; a second delete is a 404', async () => {
      const agenda = await t.http.get(`/api/events/${event.id}/agenda`).expect(200);
      expect(JSON.stringify(agenda.body)).not.toContain(sessionId);
      await t.http.delete(`/api/events/${event.id}/sessions/${sessionId}`).set(organiser.auth).expect(404);
      const page = await t.http.get(`/events/${event.slug}`).expect(200);
      expect(page.text).not.toContain('Doomed workshop');
    });

    it('sends the speaker and the delegate the cancellation in the attached calendar', async () => {
      await t.mail.waitFor(2);
      for (const address of [speakerEmail, delegateEmail]) {
        const [mail] = t.mail.to(address);
        expect(mail.text).toContain('"Doomed workshop" was removed from the agenda.');
        expect(mail.text).toContain('attached calendar file');
        const ics = icsOf(mail);
        expect(ics).toBeDefined();
        const [vevent] = vevents(ics!);
        expect(vevent).toMatchObject({ uid: `session-${sessionId}@plenary`, status: 'CANCELLED' });
        expect(Number(vevent.sequence)).toBe(1);
      }
    });
  });

  it('a session deleted before the agenda was ever published simply goes', async () => {
    const event = await newEvent(t, organiser);
    const session = await addSession(t, organiser, event, { title: 'Draft idea' });
    await t.http.delete(`/api/events/${event.id}/sessions/${session.id}`).set(organiser.auth).expect(204);
    const [row] = await t.db.query(`SELECT count(*)::int AS n FROM sessions WHERE id = $1`, [session.id]);
    expect(row.n).toBe(0);
  });
});
