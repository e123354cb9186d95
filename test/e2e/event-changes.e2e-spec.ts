import ICAL from 'ical.js';
import { addSession, addSpeaker, newEvent, publishEvent, type EventBody } from '../factories/events.factory.js';
import { register } from '../factories/registrations.factory.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import type { CapturedMail } from '../setup/smtp-capture.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/** A published event that moves or changes venue tells the people who have it in their calendars. */

interface ParsedVEvent {
  uid: string;
  sequence: number;
  status: string;
  start: Date;
  end: Date;
  location: string;
}

/** Parsed with ical.js, a parser independent of the generator. */
function vevents(ics: string): ParsedVEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      sequence: event.sequence,
      status: String(component.getFirstPropertyValue('status')),
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      location: event.location,
    };
  });
}

const icsOf = (mail: CapturedMail): string | undefined =>
  mail.attachments.find((a) => a.filename?.endsWith('.ics'))?.content;

const HOUR = 3600 * 1000;

describe('a published event that changes', () => {
  let t: TestApp;
  let organiser: StaffUser;

  beforeAll(async () => {
    // Long enough that an edit and its undo fall in one burst even on a busy machine.
    t = await createTestApp({ agendaChangeDebounceMs: 5_000, rateLimitDisabled: true });
    organiser = await newStaff(t);
  });

  afterAll(async () => {
    await t.close();
  });

  /** A one-place event with a speaker, a confirmed delegate and one on the waiting list. */
  async function meeting() {
    const event = await newEvent(t, organiser, { capacity: 1 });
    const speaker = await addSpeaker(t, organiser, event.id);
    await addSession(t, organiser, event, { title: 'Opening keynote', speakerIds: [speaker.id] });
    await addSession(t, organiser, event, { title: 'Closing panel', offsetHours: 5 });
    await publishEvent(t, organiser, event.id);
    const confirmed = await register(t, event.id);
    const waiting = await register(t, event.id);
    expect([confirmed.status, waiting.status]).toEqual(['confirmed', 'waitlisted']);
    const welcome = await t.mail.waitForMessage(confirmed.email, (m) => icsOf(m) !== undefined);
    return { event, speaker, confirmed, waiting, welcome };
  }

  const changeMails = (address: string) => t.mail.to(address).filter((m) => m.subject.startsWith('Changed:'));

  async function patch(event: EventBody, body: Record<string, unknown>) {
    await t.http.patch(`/api/events/${event.id}`).set(organiser.auth).send(body).expect(200);
  }

  describe('a burst of edits to its dates and venue', () => {
    let m: Awaited<ReturnType<typeof meeting>>;
    let newEnd: Date;

    beforeAll(async () => {
      m = await meeting();
      newEnd = new Date(new Date(m.event.endsAt).getTime() + 2 * HOUR);
      await patch(m.event, { venue: 'Guildhall, Room 2' });
      await patch(m.event, { endsAt: newEnd.toISOString() });
      await patch(m.event, { title: `${m.event.title} (revised)` });
      await t.mail.waitForMessage(m.confirmed.email, (mail) => mail.subject.startsWith('Changed:'), 20_000);
      await t.mail.waitForMessage(m.waiting.email, (mail) => mail.subject.startsWith('Changed:'), 20_000);
      await t.mail.waitForMessage(m.speaker.email!, (mail) => mail.subject.startsWith('Changed:'), 20_000);
    });

    it('is one notice per person, saying what changed from what', () => {
      for (const address of [m.confirmed.email, m.waiting.email, m.speaker.email!]) {
        const mails = changeMails(address);
        expect(mails).toHaveLength(1);
        expect(mails[0].text).toContain('New venue: Guildhall, Room 2. It was Town Hall.');
        expect(mails[0].text).toMatch(/New dates: .* It was /);
      }
    });

    it('carries the event VEVENT at a raised SEQUENCE, with the new end and venue (ical.js)', () => {
      const [before] = vevents(icsOf(m.welcome)!);
      for (const address of [m.confirmed.email, m.speaker.email!]) {
        const [mail] = changeMails(address);
        expect(mail.text).toContain('The attached calendar file updates the event');
        const [after] = vevents(icsOf(mail)!);
        expect(after.uid).toBe(before.uid);
        expect(after.sequence).toBe(before.sequence + 2);
        expect(after.end.getTime()).toBe(newEnd.getTime());
        expect(after.location).toBe('Guildhall, Room 2');
        expect(after.status).toBe('CONFIRMED');
      }
    });

    it('tells a waiting delegate without adding the event to their calendar', () => {
      const [mail] = changeMails(m.waiting.email);
      expect(icsOf(mail)).toBeUndefined();
      expect(mail.text).toContain('still on the waiting list');
      expect(mail.text).not.toContain('attached');
    });
  });

  it('a single change raises the SEQUENCE by exactly one; a title-only edit tells nobody', async () => {
    const m = await meeting();
    await patch(m.event, { title: `${m.event.title} renamed` });
    const newStart = new Date(new Date(m.event.startsAt).getTime() - HOUR);
    await patch(m.event, { startsAt: newStart.toISOString() });
    const mail = await t.mail.waitForMessage(m.confirmed.email, (x) => x.subject.startsWith('Changed:'), 20_000);
    const [before] = vevents(icsOf(m.welcome)!);
    const [after] = vevents(icsOf(mail)!);
    expect(after.sequence).toBe(before.sequence + 1);
    expect(after.start.getTime()).toBe(newStart.getTime());
    expect(changeMails(m.confirmed.email)).toHaveLength(1);
  });

  it('an edit undone before the notice goes sends nothing', async () => {
    const m = await meeting();
    await patch(m.event, { venue: 'Somewhere else' });
    await patch(m.event, { venue: 'Town Hall' });
    const rows = await t.db.query<Array<{ status: string }>>(
      `SELECT status FROM notifications WHERE event_id = $1 AND kind = 'event-changed'`,
      [m.event.id],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const deadline = Date.now() + 20_000; ;) {
      if (Date.now() > deadline) throw new Error('The event-change notices were never settled');
      const pending = await t.db.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM notifications WHERE event_id = $1 AND kind = 'event-changed' AND status IN ('pending', 'queued', 'sending')`,
        [m.event.id],
      );
      if (pending[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(changeMails(m.confirmed.email)).toHaveLength(0);
    expect(changeMails(m.speaker.email!)).toHaveLength(0);
  });

  it('cancelling raises every session’s SEQUENCE as well as its status, and the event’s', async () => {
    const m = await meeting();
    const feedBefore = vevents((await t.http.get(`/api/events/${m.event.id}/agenda.ics`).expect(200)).text);
    await t.http.post(`/api/events/${m.event.id}/cancel`).set(organiser.auth).expect(200);
    const feedAfter = vevents((await t.http.get(`/api/events/${m.event.id}/agenda.ics`).expect(200)).text);
    expect(feedAfter).toHaveLength(2);
    for (const session of feedAfter) {
      const was = feedBefore.find((v) => v.uid === session.uid)!;
      expect(session.status).toBe('CANCELLED');
      expect(session.sequence).toBe(was.sequence + 1);
    }
    const mail = await t.mail.waitForMessage(m.confirmed.email, (x) => x.subject.startsWith('Cancelled:'));
    const [before] = vevents(icsOf(m.welcome)!);
    const [cancelled] = vevents(icsOf(mail)!);
    expect(cancelled).toMatchObject({ uid: before.uid, status: 'CANCELLED', sequence: before.sequence + 1 });
  });

  it('a draft event changes quietly', async () => {
    const event = await newEvent(t, organiser);
    await patch(event, { venue: 'Guildhall' });
    const rows = await t.db.query<Array<{ sequence: number }>>(`SELECT sequence FROM events WHERE id = $1`, [event.id]);
    expect(rows[0].sequence).toBe(0);
    const notices = await t.db.query(`SELECT 1 FROM notifications WHERE event_id = $1 AND kind = 'event-changed'`, [
      event.id,
    ]);
    expect(notices).toHaveLength(0);
  });
});
