import { randomUUID } from 'node:crypto';
import { insertEvent, insertMember, insertRegistration } from '../factories/db-fixtures.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { Browser } from '../setup/staff-browser.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const sessionForm = (overrides: Record<string, string> = {}) => ({
  title: 'Opening keynote',
  kind: 'keynote',
  startsAt: '2031-06-04T09:00',
  endsAt: '2031-06-04T10:00',
  room: 'Main Hall',
  track: '',
  capacity: '',
  abstract: '',
  ...overrides,
});

/** The organisers' agenda builder and speaker pages, through the forms a browser posts. */
describe('agenda builder pages', () => {
  let t: TestApp;
  let organiser: StaffUser;
  let browser: Browser;
  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
    organiser = await newStaff(t);
    browser = new Browser(t);
    await browser.signIn(organiser);
  });
  afterAll(async () => {
    await t.close();
  });

  /** A two-day event in London (09:00 there is 08:00 UTC in June), this organiser's. */
  const newEvent = async (overrides: Parameters<typeof insertEvent>[1] = {}) => {
    const event = await insertEvent(t.db, {
      startsAt: new Date('2031-06-04T08:00:00Z'),
      endsAt: new Date('2031-06-05T16:00:00Z'),
      status: 'draft',
      publishedAt: null,
      ...overrides,
    });
    await insertMember(t.db, event.id, organiser.id, 'organiser');
    return event;
  };
  const sessionsOf = (eventId: string) =>
    t.db.query<Array<{ id: string; title: string; room: string | null; starts_at: Date; status: string }>>(
      'SELECT id, title, room, starts_at, status FROM sessions WHERE event_id = $1 AND removed_at IS NULL ORDER BY starts_at, title',
      [eventId],
    );

  it('builds a two-day agenda: the grid by room, a break across all rooms, the list for phones', async () => {
    const event = await newEvent();
    const agenda = `/staff/events/${event.id}/agenda`;
    expect((await browser.get(agenda)).text).toContain('There are no sessions yet.');
    await browser.get(`${agenda}/sessions/new`);
    for (const form of [
      sessionForm(),
      sessionForm({ title: 'Breakout A', kind: 'workshop', startsAt: '2031-06-04T10:30', endsAt: '2031-06-04T12:00' }),
      sessionForm({
        title: 'Breakout B',
        kind: 'workshop',
        room: 'Studio',
        startsAt: '2031-06-04T10:30',
        endsAt: '2031-06-04T12:00',
      }),
      sessionForm({
        title: 'Coffee',
        kind: 'break',
        room: '',
        startsAt: '2031-06-04T10:00',
        endsAt: '2031-06-04T10:30',
      }),
      sessionForm({ title: 'Day two plenary', kind: 'talk', startsAt: '2031-06-05T09:00', endsAt: '2031-06-05T10:00' }),
    ]) {
      const added = await browser.post(`${agenda}/sessions/new`, form);
      expect(added.status).toBe(303);
      expect(added.headers.location).toBe(agenda);
    }
    const page = await browser.get(agenda);
    expect(page.status).toBe(200);
    expect(page.text).toContain('The session is on the agenda.');
    expect(page.text).toContain('<caption id="grid-2031-06-04">Wednesday 4 June, by room</caption>');
    expect(page.text).toContain('<caption id="grid-2031-06-05">Thursday 5 June, by room</caption>');
    expect(page.text).toMatch(/<th scope="col">Main Hall<\/th><th scope="col">Studio<\/th>/);
    // The break reaches across both rooms; the workshops sit side by side at 10:30 (in London).
    expect(page.text).toMatch(/colspan="2" class="agenda-block kind-break spans-all"/);
    expect(page.text).toMatch(
      /<th scope="row">10:30<\/th>\s*<td rowspan="1" colspan="1" class="agenda-block kind-workshop">/,
    );
    expect(page.text).toContain('<ol class="agenda-list">');
    expect((await sessionsOf(event.id)).map((s) => s.title)).toEqual([
      'Opening keynote',
      'Coffee',
      'Breakout A',
      'Breakout B',
      'Day two plenary',
    ]);
  });

  it('refuses a clash and dates outside the event in place, naming the other session, the input kept', async () => {
    const event = await newEvent();
    const agenda = `/staff/events/${event.id}/agenda`;
    await browser.get(`${agenda}/sessions/new`);
    expect((await browser.post(`${agenda}/sessions/new`, sessionForm())).status).toBe(303);
    const clash = await browser.post(
      `${agenda}/sessions/new`,
      sessionForm({
        title: 'Clashing talk',
        startsAt: '2031-06-04T09:30',
        endsAt: '2031-06-04T10:30',
        room: 'main hall',
      }),
    );
    expect(clash.status).toBe(409);
    expect(clash.headers['content-type']).toMatch(/text\/html/);
    expect(clash.text).toMatch(
      /id="room-error"><span class="visually-hidden">Error:<\/span> Main Hall is already taken by &quot;Opening keynote&quot; from 09:00 to 10:00/,
    );
    expect(clash.text).toContain('value="Clashing talk"');
    expect(clash.text).toContain('<a href="#room">');
    const outside = await browser.post(
      `${agenda}/sessions/new`,
      sessionForm({ title: 'Too late', startsAt: '2031-06-06T09:00', endsAt: '2031-06-06T10:00' }),
    );
    expect(outside.status).toBe(422);
    expect(outside.text).toMatch(/id="startsAt-error">.*The session must fall within the event&#39;s dates/);
    const bad = await browser.post(
      `${agenda}/sessions/new`,
      sessionForm({ title: '', kind: 'party', capacity: 'many' }),
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter a title of up to 300 characters');
    expect(bad.text).toContain('Choose the kind of session.');
    expect(bad.text).toContain('Enter the seats as a whole number from 0');
    expect((await sessionsOf(event.id)).map((s) => s.title)).toEqual(['Opening keynote']);
  });

  it('retimes and moves a session, cancels and reinstates it, and deletes it after a confirmation', async () => {
    const event = await newEvent();
    const agenda = `/staff/events/${event.id}/agenda`;
    await browser.get(`${agenda}/sessions/new`);
    await browser.post(`${agenda}/sessions/new`, sessionForm());
    await browser.post(
      `${agenda}/sessions/new`,
      sessionForm({ title: 'Other', room: 'Studio', startsAt: '2031-06-04T11:00', endsAt: '2031-06-04T12:00' }),
    );
    const [keynote] = await sessionsOf(event.id);
    const edit = `${agenda}/sessions/${keynote.id}`;
    const form = await browser.get(edit);
    expect(form.text).toContain('value="2031-06-04T09:00"');
    const moved = await browser.post(
      edit,
      sessionForm({ room: 'Studio', startsAt: '2031-06-05T14:00', endsAt: '2031-06-05T15:00' }),
    );
    expect(moved.status).toBe(303);
    expect((await sessionsOf(event.id)).find((s) => s.id === keynote.id)).toMatchObject({ room: 'Studio' });
    const clash = await browser.post(
      edit,
      sessionForm({ room: 'Studio', startsAt: '2031-06-04T11:30', endsAt: '2031-06-04T12:30' }),
    );
    expect(clash.status).toBe(409);
    expect(clash.text).toContain('Studio is already taken by &quot;Other&quot;');

    expect((await browser.post(`${edit}/cancel`, {}, { csrf: false })).status).toBe(403);
    expect((await browser.post(`${edit}/cancel`, {})).headers.location).toBe(edit);
    expect((await sessionsOf(event.id)).find((s) => s.id === keynote.id)?.status).toBe('cancelled');
    const cancelled = await browser.get(edit);
    expect(cancelled.text).toContain('The session is cancelled; it stays on the agenda');
    expect((await browser.get(agenda)).text).toMatch(/<span class="status-tag">Cancelled<\/span>/);
    expect((await browser.post(`${edit}/reinstate`, {})).status).toBe(303);
    expect((await sessionsOf(event.id)).find((s) => s.id === keynote.id)?.status).toBe('scheduled');

    const confirm = await browser.get(`${edit}/delete`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('The agenda has never been published, so the session simply goes.');
    expect((await browser.post(`${edit}/delete`, {}, { csrf: false })).status).toBe(403);
    expect(await sessionsOf(event.id)).toHaveLength(2);
    expect((await browser.post(`${edit}/delete`, {})).status).toBe(303);
    expect((await sessionsOf(event.id)).map((s) => s.title)).toEqual(['Other']);
    expect((await browser.get(edit)).status).toBe(404);
  });

  it('speakers: add and edit (the email private), link to a session, remove', async () => {
    const event = await newEvent({ status: 'published', publishedAt: new Date() });
    const speakers = `/staff/events/${event.id}/speakers`;
    await browser.get(speakers);
    const bad = await browser.post(speakers, { name: '', email: 'not-an-address', photoUrl: 'ftp://x' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter a name of up to 200 characters');
    expect(bad.text).toContain('Enter an email address like name@example.org');
    expect(bad.text).toContain('value="not-an-address"');
    expect((await browser.post(speakers, { name: 'Dr Ada Lovelace' }, { csrf: false })).status).toBe(403);
    const added = await browser.post(speakers, {
      name: 'Dr Ada Lovelace',
      organisation: 'Analytical Society',
      email: 'ada@example.org',
    });
    expect(added.status).toBe(303);
    const [{ id: speakerId }] = await t.db.query<Array<{ id: string }>>('SELECT id FROM speakers WHERE event_id = $1', [
      event.id,
    ]);
    const list = await browser.get(speakers);
    expect(list.text).toContain('ada@example.org');
    expect(list.text).toContain('Not in any session yet');

    const agenda = `/staff/events/${event.id}/agenda`;
    await browser.get(`${agenda}/sessions/new`);
    expect((await browser.post(`${agenda}/sessions/new`, { ...sessionForm(), speakerIds: speakerId })).status).toBe(
      303,
    );
    const unknown = await browser.post(`${agenda}/sessions/new`, {
      ...sessionForm({ title: 'Ghost', room: 'Studio' }),
      speakerIds: randomUUID(),
    });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toMatch(/id="speakerIds-error">.*not a speaker of this event/);
    expect((await browser.get(speakers)).text).toContain('Opening keynote');
    const grid = await browser.get(agenda);
    expect(grid.text).toContain('With Dr Ada Lovelace');

    const edited = await browser.post(`${speakers}/${speakerId}`, {
      name: 'Ada King',
      organisation: '',
      email: 'ada@example.org',
    });
    expect(edited.status).toBe(303);
    // The public agenda names the speaker and never shows their email.
    const publicPage = await t.http.get(`/events/${event.slug}`);
    expect(publicPage.text).toContain('Ada King');
    expect(publicPage.text).not.toContain('ada@example.org');

    expect((await browser.post(`${speakers}/${speakerId}/remove`, {})).status).toBe(303);
    expect(await t.db.query('SELECT id FROM speakers WHERE event_id = $1', [event.id])).toHaveLength(0);
    expect((await browser.get(`${speakers}/${speakerId}`)).status).toBe(404);
  });

  it('once published, shows what changed and when the change emails go out', async () => {
    const event = await newEvent({ status: 'published', publishedAt: new Date() });
    const agenda = `/staff/events/${event.id}/agenda`;
    const speakers = `/staff/events/${event.id}/speakers`;
    await browser.get(speakers);
    await browser.post(speakers, { name: 'Grace Hopper', email: 'grace@example.org' });
    const [{ id: speakerId }] = await t.db.query<Array<{ id: string }>>('SELECT id FROM speakers WHERE event_id = $1', [
      event.id,
    ]);
    expect((await browser.get(agenda)).text).toContain('Nothing has changed since the agenda was published.');
    await browser.post(`${agenda}/sessions/new`, { ...sessionForm(), speakerIds: speakerId });
    const [keynote] = await sessionsOf(event.id);
    await browser.post(`${agenda}/sessions/${keynote.id}`, {
      ...sessionForm({ startsAt: '2031-06-04T11:00', endsAt: '2031-06-04T12:00' }),
      speakerIds: speakerId,
    });
    const page = await browser.get(agenda);
    expect(page.text).toContain('Changes since publishing');
    expect(page.text).toContain('&quot;Opening keynote&quot; was added');
    expect(page.text).toContain('&quot;Opening keynote&quot; moves from Wednesday 4 June, 09:00');
    expect(page.text).toMatch(/1 change email is waiting and will go out at about/);
  });

  it('refuses bad ids and other staff, never a 500', async () => {
    const event = await newEvent();
    const agenda = `/staff/events/${event.id}/agenda`;
    expect((await browser.get(`${agenda}/sessions/not-a-uuid`)).status).toBe(400);
    expect((await browser.get(`${agenda}/sessions/${randomUUID()}`)).status).toBe(404);
    expect((await browser.post(`${agenda}/sessions/${randomUUID()}`, sessionForm())).status).toBe(404);
    expect((await browser.post(`${agenda}/sessions/${randomUUID()}/cancel`, {})).status).toBe(404);
    expect((await browser.get(`/staff/events/${event.id}/speakers/${randomUUID()}`)).status).toBe(404);
    expect((await browser.get(`/staff/events/not-a-uuid/agenda`)).status).toBe(400);
    const facilitator = await newStaff(t);
    await insertMember(t.db, event.id, facilitator.id, 'facilitator');
    const theirs = new Browser(t);
    await theirs.signIn(facilitator);
    expect((await theirs.get(agenda)).status).toBe(403);
    expect((await t.http.get(agenda)).status).toBe(303);
    // The event's console links its agenda.
    expect((await browser.get(`/staff/events/${event.id}`)).text).toContain(`href="${agenda}"`);
  });

  it('reschedules the whole event: a confirmation says how far, how many sessions and who is told, then all move', async () => {
    const event = await newEvent({ status: 'published', publishedAt: new Date() });
    const agenda = `/staff/events/${event.id}/agenda`;
    const reschedule = `/staff/events/${event.id}/reschedule`;
    await browser.get(`/staff/events/${event.id}/speakers`);
    await browser.post(`/staff/events/${event.id}/speakers`, { name: 'Grace Hopper', email: 'grace@example.org' });
    await browser.post(`${agenda}/sessions/new`, sessionForm());
    await browser.post(
      `${agenda}/sessions/new`,
      sessionForm({ title: 'Day two', startsAt: '2031-06-05T14:00', endsAt: '2031-06-05T15:00' }),
    );
    await insertRegistration(t.db, event.id);
    const before = await sessionsOf(event.id);

    const edit = await browser.get(`/staff/events/${event.id}/edit`);
    expect(edit.text).toContain(`href="${reschedule}?startsAt=2031-06-04T09%3A00&amp;endsAt=2031-06-05T17%3A00"`);
    const form = await browser.get(`${reschedule}?startsAt=2031-06-11T09:00&endsAt=2031-06-12T17:00`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="2031-06-11T09:00"');
    expect((await browser.post(reschedule, { startsAt: 'next week', endsAt: '' })).status).toBe(400);

    const confirm = await browser.post(reschedule, { startsAt: '2031-06-11T09:00', endsAt: '2031-06-12T17:00' });
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Every session moves later by 7 days');
    expect(confirm.text).toContain('2 sessions move.');
    expect(confirm.text).toContain('1 registered delegate and 1 speaker with an email address');
    expect(confirm.text).toContain('Move the event and all 2 sessions');
    expect(await sessionsOf(event.id)).toEqual(before);
    const moveForm = { startsAt: '2031-06-11T09:00', endsAt: '2031-06-12T17:00', confirm: 'yes' };
    expect((await browser.post(reschedule, moveForm, { csrf: false })).status).toBe(403);
    expect(await sessionsOf(event.id)).toEqual(before);

    const moved = await browser.post(reschedule, moveForm);
    expect(moved.status).toBe(303);
    expect(moved.headers.location).toBe(agenda);
    const after = await sessionsOf(event.id);
    expect(
      after.map(
        (s) => new Date(s.starts_at).getTime() - new Date(before.find((b) => b.id === s.id)!.starts_at).getTime(),
      ),
    ).toEqual([7 * 24 * 3600 * 1000, 7 * 24 * 3600 * 1000]);
    const page = await browser.get(agenda);
    expect(page.text).toContain('The event and its sessions have moved.');
    expect(page.text).toContain('Wednesday 11 June');
    // The count of waiting change emails includes the event's own "new dates" email.
    const waiting = await t.db.query<Array<{ kind: string; count: number }>>(
      `SELECT kind, count(*)::int AS count FROM notifications
        WHERE event_id = $1 AND status = 'pending' AND kind IN ('agenda-changed', 'event-changed') GROUP BY kind`,
      [event.id],
    );
    expect(waiting.map((row) => row.kind)).toContain('event-changed');
    const total = waiting.reduce((sum, row) => sum + row.count, 0);
    expect(page.text).toContain(`${total} change ${total === 1 ? 'email is' : 'emails are'} waiting`);

    // Shorter dates leave a session outside even when moved: refused in place, nothing changes.
    const shorter = await browser.post(reschedule, {
      startsAt: '2031-06-18T09:00',
      endsAt: '2031-06-18T17:00',
      confirm: 'yes',
    });
    expect(shorter.status).toBe(422);
    expect(shorter.text).toMatch(/id="startsAt-error">.*even moved with the start, 1 session\(s\) would fall outside/);
    expect(await sessionsOf(event.id)).toEqual(after);
  });
});
