import { addSession, addSpeaker, newEvent, publishEvent, type SessionBody } from '../factories/events.factory.js';
import { register } from '../factories/registrations.factory.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const HOUR = 3600 * 1000;
const WEEK = 7 * 24 * HOUR;

describe('rescheduling a whole event', () => {
  let t: TestApp;
  let organiser: StaffUser;
  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
    organiser = await newStaff(t);
  });
  afterAll(async () => {
    await t.close();
  });

  /** A published two-day event with a keynote on day one, a workshop on day two and a delegate in the workshop. */
  async function publishedMeeting() {
    const event = await newEvent(t, organiser);
    const speaker = await addSpeaker(t, organiser, event.id, { name: 'Priya Shah' });
    const keynote = await addSession(t, organiser, event, { title: 'Keynote', speakerIds: [speaker.id] });
    const workshop = await addSession(t, organiser, event, {
      title: 'Mapping the network',
      kind: 'workshop',
      offsetHours: 25,
      hours: 2,
      capacity: 20,
    });
    await t.http
      .put(`/api/events/${event.id}/reminder-rules`)
      .set(organiser.auth)
      .send([{ before: 'P1D' }, { before: 'PT1H', scope: 'session' }])
      .expect(200);
    await publishEvent(t, organiser, event.id);
    const delegate = await register(t, event.id);
    await t.http.put(`/api/registrations/me/sessions/${workshop.id}`).set(delegate.auth).expect(200);
    return { event, keynote, workshop, delegate };
  }

  const sessionRows = (eventId: string) =>
    t.db.query<Array<{ id: string; starts_at: Date; ends_at: Date; sequence: number }>>(
      `SELECT id, starts_at, ends_at, sequence FROM sessions WHERE event_id = $1 ORDER BY starts_at`,
      [eventId],
    );
  const pendingReminders = (eventId: string) =>
    t.db.query<Array<{ id: string; send_at: Date }>>(
      `SELECT id, send_at FROM notifications WHERE event_id = $1 AND kind = 'reminder' AND status IN ('pending', 'queued')
       ORDER BY id`,
      [eventId],
    );

  it('refuses new dates that leave sessions outside unless asked to move them, and then changes nothing', async () => {
    const { event } = await publishedMeeting();
    const before = await sessionRows(event.id);
    const weekLater = {
      startsAt: new Date(new Date(event.startsAt).getTime() + WEEK).toISOString(),
      endsAt: new Date(new Date(event.endsAt).getTime() + WEEK).toISOString(),
    };
    const refused = await t.http.patch(`/api/events/${event.id}`).set(organiser.auth).send(weekLater).expect(422);
    expect((refused.body as { message: string }).message).toContain('or move every session with the event');
    expect(await sessionRows(event.id)).toEqual(before);

    // Moving every session cannot help when the new dates are shorter than the agenda.
    const shorter = await t.http
      .patch(`/api/events/${event.id}`)
      .set(organiser.auth)
      .send({
        ...weekLater,
        endsAt: new Date(new Date(weekLater.startsAt).getTime() + 5 * HOUR).toISOString(),
        moveSessions: true,
      })
      .expect(422);
    expect((shorter.body as { message: string }).message).toContain('"Mapping the network"');
    expect(await sessionRows(event.id)).toEqual(before);
    const [{ starts_at: eventStart }] = await t.db.query<Array<{ starts_at: Date }>>(
      `SELECT starts_at FROM events WHERE id = $1`,
      [event.id],
    );
    expect(eventStart.toISOString()).toBe(event.startsAt);
  });

  it('moves every session, its calendar SEQUENCE, the pending reminders and tells the speaker and the delegate', async () => {
    const { event, keynote, workshop, delegate } = await publishedMeeting();
    const sessionsBefore = await sessionRows(event.id);
    const remindersBefore = await pendingReminders(event.id);
    expect(remindersBefore.length).toBe(2);

    await t.http
      .patch(`/api/events/${event.id}`)
      .set(organiser.auth)
      .send({
        startsAt: new Date(new Date(event.startsAt).getTime() + WEEK).toISOString(),
        endsAt: new Date(new Date(event.endsAt).getTime() + WEEK).toISOString(),
        moveSessions: true,
      })
      .expect(200);

    const sessionsAfter = await sessionRows(event.id);
    expect(
      sessionsAfter.map((s) => [s.id, s.starts_at.getTime() - WEEK, s.ends_at.getTime() - WEEK, s.sequence - 1]),
    ).toEqual(sessionsBefore.map((s) => [s.id, s.starts_at.getTime(), s.ends_at.getTime(), s.sequence]));

    const agenda = await t.http.get(`/api/events/${event.id}/agenda`).expect(200);
    const shown = (agenda.body as { days: Array<{ sessions: SessionBody[] }> }).days.flatMap((d) => d.sessions);
    expect(shown.find((s) => s.id === keynote.id)!.startsAt).toBe(
      new Date(new Date(keynote.startsAt).getTime() + WEEK).toISOString(),
    );

    const ics = await t.http.get(`/api/events/${event.id}/agenda.ics`).expect(200);
    const workshopEvent = ics.text.split('BEGIN:VEVENT').find((block) => block.includes('Mapping the network'))!;
    expect(workshopEvent).toMatch(/SEQUENCE:1\r?\n/);

    const remindersAfter = await pendingReminders(event.id);
    expect(remindersAfter.map((r) => r.send_at.getTime() - WEEK)).toEqual(
      remindersBefore.map((r) => r.send_at.getTime()),
    );

    const changes = await t.http.get(`/api/events/${event.id}/agenda/changes`).expect(200);
    const changed = (changes.body as { items: Array<{ sessionId: string }> }).items.map((c) => c.sessionId);
    expect(new Set(changed)).toEqual(new Set([keynote.id, workshop.id]));

    const notices: Array<{ recipient: string }> = await t.db.query(
      `SELECT recipient FROM notifications WHERE event_id = $1 AND kind = 'agenda-changed' AND status IN ('pending', 'queued')`,
      [event.id],
    );
    expect(notices.map((n) => n.recipient)).toContain(delegate.email);
    expect(notices).toHaveLength(2);
  });

  it('moves a draft’s sessions without recording changes (nobody has seen them)', async () => {
    const event = await newEvent(t, organiser);
    const session = await addSession(t, organiser, event, { offsetHours: 2 });
    await t.http
      .patch(`/api/events/${event.id}`)
      .set(organiser.auth)
      .send({ startsAt: new Date(new Date(event.startsAt).getTime() - 24 * HOUR).toISOString(), moveSessions: true })
      .expect(200);
    const [row] = await sessionRows(event.id);
    expect(row.starts_at.toISOString()).toBe(new Date(new Date(session.startsAt).getTime() - 24 * HOUR).toISOString());
    expect(row.sequence).toBe(0);
    const [{ n }] = await t.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM agenda_changes WHERE event_id = $1`,
      [event.id],
    );
    expect(n).toBe(0);
  });
});
