import ICAL from 'ical.js';
import ical, { type VEvent } from 'node-ical';
import { insertRegistration } from '../factories/db-fixtures.js';
import { addSession, newEvent, publishEvent, type EventBody, type SessionBody } from '../factories/events.factory.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import type { CapturedMail } from '../setup/smtp-capture.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/** Only a delegate's own sessions in their calendar (issue 23, item 4), read with two independent parsers. */

const icsOf = (mail: CapturedMail): string | undefined =>
  mail.attachments.find((a) => a.filename?.endsWith('.ics'))?.content;

/** The VEVENT summaries as node-ical and ical.js each read them (they must agree). */
function summaries(ics: string): string[] {
  const byNodeIcal = Object.values(ical.sync.parseICS(ics))
    .filter((c): c is VEvent => c?.type === 'VEVENT')
    .map((v) => (typeof v.summary === 'string' ? v.summary : v.summary.val))
    .sort();
  const byIcalJs = new ICAL.Component(ICAL.parse(ics))
    .getAllSubcomponents('vevent')
    .map((component) => new ICAL.Event(component).summary)
    .sort();
  expect(byIcalJs).toEqual(byNodeIcal);
  return byNodeIcal;
}

describe('a delegate’s own sessions in their calendar and mail', () => {
  let t: TestApp;
  let organiser: StaffUser;
  let event: EventBody;
  let workshop: SessionBody;

  beforeAll(async () => {
    t = await createTestApp({ agendaChangeDebounceMs: 500 });
    organiser = await newStaff(t);
    event = await newEvent(t, organiser);
    workshop = await addSession(t, organiser, event, {
      title: 'Small workshop',
      kind: 'workshop',
      capacity: 1,
      room: 'Room 1',
    });
    await addSession(t, organiser, event, {
      title: 'Parallel workshop',
      kind: 'workshop',
      capacity: 5,
      room: 'Room 2',
    });
    await addSession(t, organiser, event, { title: 'Keynote', kind: 'keynote', offsetHours: 3 });
    await publishEvent(t, organiser, event.id);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('confirms a workshop place by email with that session’s .ics alone; a queued sign-up gets no such email', async () => {
    const placed = await insertRegistration(t.db, event.id, { email: 'placed@example.org', name: 'Placed' });
    const queued = await insertRegistration(t.db, event.id, { email: 'queued@example.org', name: 'Queued' });
    await t.http.put(`/api/registrations/me/sessions/${workshop.id}`).set(placed.auth).expect(200);
    const second = await t.http.put(`/api/registrations/me/sessions/${workshop.id}`).set(queued.auth).expect(200);
    expect((second.body as { status: string }).status).toBe('waitlisted');

    const mail = await t.mail.waitForMessage('placed@example.org', (m) =>
      m.subject.includes('Your place in the workshop'),
    );
    expect(mail.subject).toBe('Your place in the workshop “Small workshop”');
    expect(summaries(icsOf(mail)!)).toEqual(['Small workshop']);
    // Signing up again changes nothing and sends nothing more.
    await t.http.put(`/api/registrations/me/sessions/${workshop.id}`).set(placed.auth).expect(200);
    await t.http.get('/health').expect(200);
    expect(t.mail.to('queued@example.org').filter((m) => m.subject.includes('Your place in the workshop'))).toEqual([]);
    expect(
      t.mail.to('placed@example.org').filter((m) => m.subject.includes('Your place in the workshop')),
    ).toHaveLength(1);
  });

  it('tells a queued delegate of a change that they are waiting, and leaves that workshop out of the .ics', async () => {
    const starts = new Date(new Date(workshop.startsAt).getTime() + 30 * 60_000);
    await t.http
      .patch(`/api/events/${event.id}/sessions/${workshop.id}`)
      .set(organiser.auth)
      .send({ startsAt: starts.toISOString(), endsAt: new Date(starts.getTime() + 3_600_000).toISOString() })
      .expect(200);
    const isChange = (m: CapturedMail) => m.subject.startsWith('Agenda change');
    const [placed, queued] = await Promise.all([
      t.mail.waitForMessage('placed@example.org', isChange),
      t.mail.waitForMessage('queued@example.org', isChange),
    ]);
    expect(summaries(icsOf(placed)!)).toEqual(['Small workshop']);
    expect(placed.text).toContain('The attached calendar file updates these sessions');
    expect(queued.text).toContain('You are on the waiting list for “Small workshop”');
    expect(icsOf(queued)).toBeUndefined();
    expect(queued.text).not.toMatch(/attached/i);
  });
});
