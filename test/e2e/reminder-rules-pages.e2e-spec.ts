import { randomUUID } from 'node:crypto';
import { insertEvent, insertMember, insertRegistration } from '../factories/db-fixtures.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { Browser } from '../setup/staff-browser.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/** The organisers' reminder-rules pages: list, add, edit with the preview, delete. */
describe('reminder rules pages', () => {
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

  const newEvent = async () => {
    const event = await insertEvent(t.db, {
      startsAt: new Date('2031-06-04T08:00:00Z'),
      endsAt: new Date('2031-06-05T16:00:00Z'),
    });
    await insertMember(t.db, event.id, organiser.id, 'organiser');
    return event;
  };
  const rulesOf = (eventId: string) =>
    t.db.query<Array<{ id: string; anchor: string; offset: string }>>(
      'SELECT id, anchor, "offset" FROM reminder_rules WHERE event_id = $1 ORDER BY position',
      [eventId],
    );
  const waiting = (eventId: string) =>
    t.db.query<Array<{ send_at: Date; recipient: string }>>(
      `SELECT send_at, recipient FROM notifications WHERE event_id = $1 AND kind = 'reminder' AND status IN ('pending', 'queued') ORDER BY send_at`,
      [eventId],
    );

  it('adds a rule, shows who gets it when, previews it, edits and deletes it', async () => {
    const event = await newEvent();
    const { registration } = await insertRegistration(t.db, event.id);
    const rules = `/staff/events/${event.id}/reminders`;
    const empty = await browser.get(rules);
    expect(empty.status).toBe(200);
    expect(empty.text).toContain('There are no reminder rules yet');

    const rule = { amount: '1', unit: 'days', when: 'before-event', subject: '', message: '' };
    expect((await browser.post(rules, rule, { csrf: false })).status).toBe(403);
    expect(await rulesOf(event.id)).toHaveLength(0);
    const added = await browser.post(rules, rule);
    expect(added.status).toBe(303);
    expect(added.headers.location).toBe(rules);
    expect(await rulesOf(event.id)).toMatchObject([{ anchor: 'event-start', offset: 'P1D' }]);
    expect((await waiting(event.id)).map((r) => [new Date(r.send_at).toISOString(), r.recipient])).toEqual([
      ['2031-06-03T08:00:00.000Z', registration.email],
    ]);
    const list = await browser.get(rules);
    expect(list.text).toContain('The rule is saved; delegates’ reminders are rescheduled.');
    expect(list.text).toContain('1 day before the event starts');
    expect(list.text).toContain('Goes out Tue 3 Jun, 09:00.');
    expect(list.text).toContain('1 reminder waiting, to go Tue 3 Jun, 09:00.');

    const twice = await browser.post(rules, { ...rule, amount: '24', unit: 'hours' });
    expect(twice.status).toBe(400);
    expect(twice.text).toMatch(/id="amount-error">.*Two rules send at the same time/);
    const bad = await browser.post(rules, { ...rule, amount: 'soon', when: 'whenever' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter how long, as a whole number from 1.');
    expect(bad.text).toContain('value="soon"');
    const tooLong = await browser.post(rules, { ...rule, subject: 'x'.repeat(201) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain('The subject must be 200 characters or fewer');
    expect(await rulesOf(event.id)).toHaveLength(1);

    const [{ id: ruleId }] = await rulesOf(event.id);
    const page = await browser.get(`${rules}/${ruleId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`As it will be sent to ${registration.email}`);
    expect(page.text).toContain('<dd>Reminder: Annual Meeting starts in 1 day</dd>');
    expect(page.text).toContain('value="1"');

    const edited = await browser.post(`${rules}/${ruleId}`, {
      ...rule,
      amount: '2',
      subject: 'See you at {{event}}',
    });
    expect(edited.status).toBe(303);
    expect((await waiting(event.id)).map((r) => new Date(r.send_at).toISOString())).toEqual([
      '2031-06-02T08:00:00.000Z',
    ]);
    const [{ id: editedId }] = await rulesOf(event.id);
    expect((await browser.get(`${rules}/${editedId}`)).text).toContain('See you at Annual Meeting');

    expect((await browser.post(`${rules}/${editedId}/delete`, {}, { csrf: false })).status).toBe(403);
    expect((await browser.post(`${rules}/${editedId}/delete`, {})).status).toBe(303);
    expect(await rulesOf(event.id)).toHaveLength(0);
    expect(await waiting(event.id)).toHaveLength(0);
  });

  it('a workshop rule with nobody signed up says so instead of a preview', async () => {
    const event = await newEvent();
    const rules = `/staff/events/${event.id}/reminders`;
    await browser.get(rules);
    await browser.post(rules, { amount: '30', unit: 'minutes', when: 'before-session', subject: '', message: '' });
    const [rule] = await rulesOf(event.id);
    expect(rule).toMatchObject({ anchor: 'session-start', offset: 'PT30M' });
    const page = await browser.get(`${rules}/${rule.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('No confirmed delegate has signed up for a workshop yet');
    expect(page.text).toContain('30 minutes before each signed-up workshop');
  });

  it('refuses bad ids and other staff, never a 500', async () => {
    const event = await newEvent();
    const rules = `/staff/events/${event.id}/reminders`;
    expect((await browser.get(`${rules}/not-a-uuid`)).status).toBe(400);
    expect((await browser.get(`${rules}/${randomUUID()}`)).status).toBe(404);
    expect(
      (await browser.post(`${rules}/${randomUUID()}`, { amount: '1', unit: 'days', when: 'before-event' })).status,
    ).toBe(404);
    expect((await browser.post(`${rules}/${randomUUID()}/delete`, {})).status).toBe(404);
    const facilitator = await newStaff(t);
    await insertMember(t.db, event.id, facilitator.id, 'facilitator');
    const theirs = new Browser(t);
    await theirs.signIn(facilitator);
    expect((await theirs.get(rules)).status).toBe(403);
    expect((await t.http.get(rules)).status).toBe(303);
    expect((await browser.get(`/staff/events/${event.id}`)).text).toContain(`href="${rules}"`);
  });
});
