import { randomUUID } from 'node:crypto';
import { insertEvent, insertMember, insertRegistration, insertSession } from '../factories/db-fixtures.js';
import { newStaff } from '../factories/staff.factory.js';
import { Browser } from '../setup/staff-browser.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const MINUTE = 60_000;

/** An event running today: a talk on now, a keynote this morning, a break between, one later on. */
async function setUp(t: TestApp) {
  const organiser = await newStaff(t);
  const facilitator = await newStaff(t);
  const now = Date.now();
  const event = await insertEvent(t.db, {
    startsAt: new Date(now - 5 * 60 * MINUTE),
    endsAt: new Date(now + 5 * 60 * MINUTE),
  });
  await insertMember(t.db, event.id, organiser.id, 'organiser');
  await insertMember(t.db, event.id, facilitator.id, 'facilitator');
  const keynote = await insertSession(t.db, event, {
    title: 'Opening keynote',
    kind: 'keynote',
    startsAt: new Date(now - 4 * 60 * MINUTE),
    endsAt: new Date(now - 2 * 60 * MINUTE),
    capacity: null,
  });
  const coffee = await insertSession(t.db, event, {
    title: 'Coffee',
    kind: 'break',
    startsAt: new Date(now - 2 * 60 * MINUTE),
    endsAt: new Date(now - 90 * MINUTE),
    capacity: null,
  });
  const talk = await insertSession(t.db, event, {
    title: 'Safeguarding in practice',
    kind: 'talk',
    startsAt: new Date(now - 10 * MINUTE),
    endsAt: new Date(now + 35 * MINUTE),
    capacity: null,
  });
  const later = await insertSession(t.db, event, {
    title: 'Closing panel',
    kind: 'panel',
    startsAt: new Date(now + 2 * 60 * MINUTE),
    endsAt: new Date(now + 3 * 60 * MINUTE),
    capacity: null,
  });
  const amara = await insertRegistration(t.db, event.id, { name: 'Amara Okafor' });
  const ben = await insertRegistration(t.db, event.id, { name: 'Ben Ashby' });
  const orgBrowser = new Browser(t);
  await orgBrowser.signIn(organiser);
  const facBrowser = new Browser(t);
  await facBrowser.signIn(facilitator);
  return { event, keynote, coffee, talk, later, amara, ben, orgBrowser, facBrowser };
}

const attendance = async (
  t: TestApp,
  sessionId: string,
): Promise<Array<{ registration_id: string; checked_in_by_id: string | null }>> =>
  t.db.query(
    'SELECT registration_id, checked_in_by_id FROM session_check_ins WHERE session_id = $1 ORDER BY registration_id',
    [sessionId],
  );

const roomCodeOf = (html: string): string => /<p class="room-code"><strong>([A-Z0-9]{6})<\/strong>/.exec(html)![1];

describe('attendance per session', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('records attendance from the door (a session chosen), the facilitator’s list and the room’s code, each once', async () => {
    const { event, keynote, talk, amara, ben, orgBrowser, facBrowser } = await setUp(t);

    // 1. The door page with the keynote chosen, twice with different taps: one check-in.
    const door = `/staff/events/${event.id}/check-in`;
    await orgBrowser.get(`${door}?sessionId=${keynote.id}`);
    for (let tap = 0; tap < 2; tap += 1) {
      const response = await orgBrowser.post(door, {
        sessionId: keynote.id,
        registrationId: amara.registration.id,
        key: randomUUID(),
      });
      expect(response.status).toBe(303);
    }
    expect(await attendance(t, keynote.id)).toHaveLength(1);

    // 2. The facilitator's list for the keynote: Ben marked present, twice.
    const list = `/staff/events/${event.id}/attendance/${keynote.id}`;
    const sheet = await facBrowser.get(list);
    expect(sheet.status).toBe(200);
    expect(sheet.text).toContain('1 of 2 present');
    expect(sheet.text).toContain('Mark Ben Ashby present');
    expect(sheet.text).not.toContain('Mark Amara Okafor present');
    const first = await facBrowser.post(list, { registrationId: ben.registration.id });
    expect(first.status).toBe(303);
    expect((await facBrowser.get(first.headers.location)).text).toContain('Saved: marked present.');
    const again = await facBrowser.post(list, { registrationId: ben.registration.id });
    expect((await facBrowser.get(again.headers.location)).text).toContain('already marked present, nothing changed');
    expect(await attendance(t, keynote.id)).toHaveLength(2);
    // Without the form's CSRF token nothing is recorded.
    const talkList = `/staff/events/${event.id}/attendance/${talk.id}`;
    expect((await facBrowser.post(talkList, { registrationId: ben.registration.id }, { csrf: false })).status).toBe(
      403,
    );
    expect(await attendance(t, talk.id)).toHaveLength(0);

    // 3. The talk's room code, typed however, by Amara at once from several phones: one check-in, by nobody on staff.
    const code = roomCodeOf((await facBrowser.get(talkList)).text);
    expect(roomCodeOf((await facBrowser.get(talkList)).text)).toBe(code);
    const delegate = new Browser(t);
    const attend = `/r/${amara.token}/attend`;
    expect((await delegate.get(attend)).status).toBe(200);
    const typed = `${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`;
    const storm = await Promise.all(Array.from({ length: 10 }, () => delegate.post(attend, { code: typed })));
    expect(storm.map((r) => r.status)).toEqual(Array(10).fill(303));
    const rows = await attendance(t, talk.id);
    expect(rows).toEqual([{ registration_id: amara.registration.id, checked_in_by_id: null }]);
    const home = await delegate.get(`/r/${amara.token}`);
    expect(home.text).toContain('Your CPD record');
  });

  it('takes a room’s code only while its session runs, and refuses one that is not a code', async () => {
    const { event, keynote, later, amara, facBrowser } = await setUp(t);
    const delegate = new Browser(t);
    const attend = `/r/${amara.token}/attend`;
    for (const session of [keynote, later]) {
      const code = roomCodeOf((await facBrowser.get(`/staff/events/${event.id}/attendance/${session.id}`)).text);
      const refused = await delegate.post(attend, { code });
      expect(refused.status).toBe(409);
      expect(refused.text).toContain('works only while the session is running');
      expect(await attendance(t, session.id)).toHaveLength(0);
    }
    const unknown = await delegate.post(attend, { code: 'ZZZZZZ' });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('That is not the code of a session at this event.');
    const malformed = await delegate.post(attend, { code: '<script>' });
    expect(malformed.status).toBe(400);
    expect(malformed.text).toContain('Enter the six-character code shown in the room.');
    // Another event's delegate cannot use this event's code.
    const other = await insertEvent(t.db);
    const stranger = await insertRegistration(t.db, other.id);
    const code = roomCodeOf((await facBrowser.get(`/staff/events/${event.id}/attendance/${keynote.id}`)).text);
    expect((await new Browser(t).post(`/r/${stranger.token}/attend`, { code })).status).toBe(422);
    expect((await new Browser(t).get(`/r/not-a-token/attend`)).status).toBe(404);
  });

  it('sums CPD hours: each session’s length unless an organiser set it, breaks nothing', async () => {
    const { event, keynote, coffee, talk, amara, orgBrowser, facBrowser } = await setUp(t);
    const keynoteList = `/staff/events/${event.id}/attendance/${keynote.id}`;
    await orgBrowser.get(keynoteList);
    await orgBrowser.post(keynoteList, { registrationId: amara.registration.id });
    // A break can be neither attended nor given hours.
    await t.db.query(
      `INSERT INTO session_check_ins (session_id, registration_id, checked_in_at) VALUES ($1, $2, now())`,
      [coffee.id, amara.registration.id],
    );
    const talkList = `/staff/events/${event.id}/attendance/${talk.id}`;
    await orgBrowser.get(talkList);
    await orgBrowser.post(talkList, { registrationId: amara.registration.id });

    const personal = `/r/${amara.token}`;
    // Keynote 2 h + coffee 0 + talk 45 min.
    expect((await new Browser(t).get(personal)).text).toContain('Total: 2.75 hours');

    const hours = await orgBrowser.post(`${keynoteList}/hours`, { hours: '1.5' });
    expect(hours.status).toBe(303);
    expect((await orgBrowser.get(hours.headers.location)).text).toContain('1.5 hours (set by an organiser)');
    expect((await new Browser(t).get(personal)).text).toContain('Total: 2.25 hours');

    const bad = await orgBrowser.post(`${keynoteList}/hours`, { hours: 'lots' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Enter the hours as a number from 0 to 24');
    expect(
      (await orgBrowser.post(`/staff/events/${event.id}/attendance/${coffee.id}/hours`, { hours: '1' })).status,
    ).toBe(422);
    // A facilitator marks attendance but does not set hours.
    await facBrowser.get(keynoteList);
    expect((await facBrowser.post(`${keynoteList}/hours`, { hours: '3' })).status).toBe(403);
    // Blank goes back to the session's length.
    await orgBrowser.post(`${keynoteList}/hours`, { hours: '' });
    expect((await new Browser(t).get(personal)).text).toContain('Total: 2.75 hours');
    const sessions = await facBrowser.get(`/staff/events/${event.id}/attendance`);
    expect(sessions.text).toContain('A break: no attendance, no CPD hours');
    expect(sessions.text).toContain('Attendance list for Safeguarding in practice');
  });
});
