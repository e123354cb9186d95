import type { Page } from 'playwright-core';
import { registrationBody } from '../factories/registrations.factory.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { accessibilityViolations, type Browser, findChromium, freePort, launchBrowser } from './chromium.js';

/**
 * An organiser runs a meeting from the browser, by accessible names: signs in, creates an
 * event, builds a two-day agenda (one clash refused with its message shown), adds a speaker
 * and a reminder rule, publishes with the keyboard alone, sees the public page, reschedules
 * the event by a week (every session, the calendar feed and the waiting reminders move) and
 * signs out, after which the old cookie no longer works. axe on every console page; phone
 * screenshots; a second run with JavaScript off.
 */
const executablePath = findChromium();
const describeInBrowser = executablePath ? describe : describe.skip;

const WEEK = 7 * 24 * 3600 * 1000;

describeInBrowser('organiser journey in a browser', () => {
  let t: TestApp;
  let base: string;
  let organiser: StaffUser;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({ processRole: 'api', appUrl: base, rateLimitDisabled: true });
    organiser = await newStaff(t, { name: 'Olive Organiser' });
    await t.app.listen({ port, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await t?.close();
  });

  const signIn = async (page: Page) => {
    await page.goto(`${base}/staff/sign-in`);
    await page.getByLabel('Email address').fill(organiser.email);
    await page.getByLabel('Password').fill(organiser.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My events' }).waitFor();
  };

  const createEvent = async (page: Page, title: string) => {
    await page.getByRole('link', { name: 'Create an event' }).click();
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Venue (optional)').fill('Town Hall');
    await page.getByLabel('Starts').fill('2031-06-04T09:00');
    await page.getByLabel('Ends').fill('2031-06-05T17:00');
    await page.getByLabel('Places').fill('80');
    await page.getByRole('button', { name: 'Create the event' }).click();
    await page.getByText('The event has been created as a draft.').waitFor();
    return /\/staff\/events\/([0-9a-f-]{36})$/.exec(page.url())![1];
  };

  const addSession = async (
    page: Page,
    session: { title: string; kind?: string; starts: string; ends: string; room?: string; speaker?: string },
  ) => {
    await page.getByRole('link', { name: 'Add a session' }).click();
    await page.getByLabel('Title').fill(session.title);
    if (session.kind) await page.getByLabel('Kind').selectOption(session.kind);
    await page.getByLabel('Starts').fill(session.starts);
    await page.getByLabel('Ends').fill(session.ends);
    await page.getByLabel('Room (optional)').fill(session.room ?? '');
    if (session.speaker) await page.getByLabel(session.speaker).check();
    await page.getByRole('button', { name: 'Add the session' }).click();
  };

  /** Presses Tab until the focused element has this accessible text, then Enter (at most 80 presses). */
  const tabToAndPress = async (page: Page, text: string) => {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const focused = ((await page.locator(':focus').textContent()) ?? '').trim();
      if (focused === text) {
        await page.keyboard.press('Enter');
        return;
      }
    }
    throw new Error(`Tab never reached "${text}"`);
  };

  it('signs in, builds and publishes a two-day agenda, reschedules it by a week, signs out', async () => {
    const browser: Browser = await launchBrowser(executablePath!);
    const violations: string[] = [];
    try {
      const page = await browser.newPage();
      const check = async (name: string) => {
        violations.push(...(await accessibilityViolations(page)).map((v) => `${name}: ${v}`));
        await browser.screenshot(page, `organiser-${name}`);
      };
      await signIn(page);
      const eventId = await createEvent(page, 'Practice Network Annual Meeting');

      // The console's link to the agenda builder.
      await page.getByRole('navigation', { name: 'Run the event' }).getByRole('link', { name: 'Agenda' }).click();
      await page.getByText('There are no sessions yet.').waitFor();
      await check('agenda-empty');

      await page.getByRole('link', { name: 'Speakers' }).first().click();
      await page.getByLabel('Name').fill('Dr Ada Lovelace');
      await page.getByLabel('Organisation (optional)').fill('Analytical Society');
      await page.getByLabel('Email address (optional, private)').fill('ada@example.org');
      await page.getByRole('button', { name: 'Add the speaker' }).click();
      await page.getByText('The speaker has been added.').waitFor();
      await check('speakers');
      await page.getByRole('link', { name: 'Edit Dr Ada Lovelace' }).click();
      await page.getByRole('heading', { name: 'Edit the speaker' }).waitFor();
      await check('speaker-edit');
      await page.getByRole('link', { name: 'Back to the speakers' }).click();
      await page.getByRole('link', { name: 'Back to the agenda' }).click();

      await addSession(page, {
        title: 'Opening keynote',
        kind: 'keynote',
        starts: '2031-06-04T09:00',
        ends: '2031-06-04T10:00',
        room: 'Main Hall',
        speaker: 'Dr Ada Lovelace (Analytical Society)',
      });
      await page.getByText('The session is on the agenda.').waitFor();
      await addSession(page, { title: 'Coffee', kind: 'break', starts: '2031-06-04T10:00', ends: '2031-06-04T10:30' });
      await addSession(page, {
        title: 'Mapping the network',
        kind: 'workshop',
        starts: '2031-06-05T10:00',
        ends: '2031-06-05T11:30',
        room: 'Studio',
      });
      // A clash: refused beside the room, naming the other session, the input kept.
      await addSession(page, {
        title: 'Local groups',
        kind: 'talk',
        starts: '2031-06-04T09:00',
        ends: '2031-06-04T10:00',
        room: 'Main Hall',
      });
      await page
        .getByText('Main Hall is already taken by "Opening keynote" from 09:00 to 10:00', { exact: false })
        .first()
        .waitFor();
      expect(await page.getByLabel('Title').inputValue()).toBe('Local groups');
      await check('session-clash');
      await page.getByLabel('Room (optional)').fill('Studio');
      await page.getByRole('button', { name: 'Add the session' }).click();
      await page.getByText('The session is on the agenda.').waitFor();

      // The grid on a wide screen: rooms as columns, the break across both.
      const dayOne = page.getByRole('table', { name: 'Wednesday 4 June, by room' });
      await dayOne.waitFor();
      await dayOne.getByRole('columnheader', { name: 'Main Hall' }).waitFor();
      await dayOne.getByRole('columnheader', { name: 'Studio' }).waitFor();
      expect(await dayOne.locator('td', { hasText: 'Coffee' }).getAttribute('colspan')).toBe('2');
      await page.getByRole('table', { name: 'Thursday 5 June, by room' }).waitFor();
      await check('agenda-grid');
      // On a phone: the list, the grid out of the way.
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await dayOne.isVisible()).toBe(false);
      await page.getByRole('link', { name: 'Opening keynote' }).waitFor();
      await check('agenda-list-390');
      await page.setViewportSize({ width: 1280, height: 900 });

      await page.getByRole('link', { name: 'Edit “Coffee”' }).click();
      await page.getByRole('heading', { name: 'Edit the session' }).waitFor();
      await check('session-edit');
      await page.getByRole('link', { name: 'Delete the session…' }).click();
      await page.getByRole('heading', { name: 'Delete the session?' }).waitFor();
      await check('session-delete');
      await page.getByRole('link', { name: 'No, go back' }).click();
      await page.getByRole('link', { name: 'Back to the agenda' }).click();

      // A reminder a day before the event.
      await page.goto(`${base}/staff/events/${eventId}`);
      await page.getByRole('navigation', { name: 'Run the event' }).getByRole('link', { name: 'Reminders' }).click();
      await page.getByLabel('How long').fill('1');
      await page.getByLabel('Unit').selectOption('days');
      await page.getByLabel('When').selectOption('before-event');
      await page.getByRole('button', { name: 'Add the rule' }).click();
      await page.getByText('1 day before the event starts').waitFor();
      await check('reminders');
      await page.getByRole('link', { name: 'Edit the rule: 1 day before the event starts' }).click();
      await page.getByText('There is no confirmed delegate to preview this rule for yet.').waitFor();
      await check('reminder-rule');

      // Publish with the keyboard alone.
      await page.goto(`${base}/staff/events/${eventId}`);
      await tabToAndPress(page, 'Publish…');
      await page.getByRole('heading', { name: 'Publish the event?' }).waitFor();
      await tabToAndPress(page, 'Publish');
      await page.getByText('The event is published.').waitFor();

      // The public agenda shows it; the speaker's email is not there.
      const slug = (await t.db.query<Array<{ slug: string }>>('SELECT slug FROM events WHERE id = $1', [eventId]))[0]
        .slug;
      await page.goto(`${base}/events/${slug}`);
      await page.getByText('Opening keynote').first().waitFor();
      await page.getByText('Dr Ada Lovelace').first().waitFor();
      expect(await page.content()).not.toContain('ada@example.org');

      // A delegate registers, so a reminder waits for them.
      const registered = await t.http.post(`/api/events/${eventId}/registrations`).send(registrationBody());
      expect(registered.status).toBe(202);
      const reminderBefore = await waitingReminders(eventId);
      expect(reminderBefore.map((d) => d.toISOString())).toEqual(['2031-06-03T08:00:00.000Z']);
      const startsBefore = await sessionStarts(eventId);

      // Reschedule by a week from the edit form's link.
      await page.goto(`${base}/staff/events/${eventId}/edit`);
      await page.getByRole('link', { name: 'Reschedule the event' }).click();
      await page.getByLabel('New start').fill('2031-06-11T09:00');
      await page.getByLabel('New end').fill('2031-06-12T17:00');
      await check('reschedule');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('Every session moves later by 7 days', { exact: false }).waitFor();
      await page.getByText('4 sessions move.').waitFor();
      await page.getByText('1 registered delegate and 1 speaker', { exact: false }).waitFor();
      await check('reschedule-confirm');
      await page.getByRole('button', { name: 'Move the event and all 4 sessions' }).click();
      await page.getByText('The event and its sessions have moved.').waitFor();
      await page.getByRole('table', { name: 'Wednesday 11 June, by room' }).waitFor();
      await page.getByRole('table', { name: 'Thursday 12 June, by room' }).waitFor();
      await page.getByText('Changes since publishing').waitFor();
      await check('agenda-after-reschedule');

      const startsAfter = await sessionStarts(eventId);
      expect(startsAfter.map((s, i) => s.getTime() - startsBefore[i].getTime())).toEqual([WEEK, WEEK, WEEK, WEEK]);
      expect((await waitingReminders(eventId)).map((d) => d.toISOString())).toEqual(['2031-06-10T08:00:00.000Z']);
      const ics = await t.http.get(`/api/events/${slug}/agenda.ics`);
      expect(ics.status).toBe(200);
      expect(ics.text).toContain('DTSTART;TZID=Europe/London:20310611T090000');
      expect(ics.text).not.toContain('DTSTART;TZID=Europe/London:20310604T');
      expect(ics.text).toMatch(/SEQUENCE:[1-9]/);

      // Sign out: the old cookie stops working at once.
      const [cookie] = (await browser.context.cookies()).filter((c) => c.name === 'plenary_staff');
      expect(cookie).toBeDefined();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByText('You have signed out.').waitFor();
      const replayed = await t.http
        .get(`/staff/events/${eventId}/agenda`)
        .set('Cookie', `plenary_staff=${cookie.value}`);
      expect(replayed.status).toBe(303);
      expect(replayed.headers.location).toMatch(/^\/staff\/sign-in/);
      expect(violations).toEqual([]);
      // The refused clash is a 409 page, as it should be; nothing else failed.
      expect(browser.problems.filter((p) => !/: 409 for .*\/agenda\/sessions\/new$/.test(p))).toEqual([]);
      await page.close();
    } finally {
      await browser.close();
    }
  }, 300_000);

  it('with JavaScript off on a phone: the clash message and a speaker through plain forms', async () => {
    const browser = await launchBrowser(executablePath!, [], { javaScriptEnabled: false });
    try {
      const page = await browser.newPage();
      await page.setViewportSize({ width: 390, height: 844 });
      await signIn(page);
      const eventId = await createEvent(page, 'Scripts-off Workshop');
      await page.goto(`${base}/staff/events/${eventId}/agenda`);
      await addSession(page, { title: 'Welcome', starts: '2031-06-04T09:00', ends: '2031-06-04T10:00', room: 'Hall' });
      await page.getByText('The session is on the agenda.').waitFor();
      await addSession(page, { title: 'Overlap', starts: '2031-06-04T09:30', ends: '2031-06-04T10:30', room: 'Hall' });
      await page.getByText('Hall is already taken by "Welcome"', { exact: false }).first().waitFor();
      await browser.screenshot(page, 'organiser-nojs-clash-390');
      await page.getByRole('link', { name: 'Back to the agenda' }).click();
      await page.getByRole('link', { name: 'Welcome' }).waitFor();
      await page.getByRole('link', { name: 'Speakers' }).first().click();
      await page.getByRole('button', { name: 'Add the speaker' }).click();
      await page.getByText('Enter a name of up to 200 characters', { exact: false }).first().waitFor();
      await page.getByLabel('Name').fill('Grace Hopper');
      await page.getByRole('button', { name: 'Add the speaker' }).click();
      await page.getByText('The speaker has been added.').waitFor();
      await browser.screenshot(page, 'organiser-nojs-speakers-390');
      expect(browser.problems.filter((p) => !/ 4\d\d for /.test(p))).toEqual([]);
      await page.close();
    } finally {
      await browser.close();
    }
  }, 180_000);

  const waitingReminders = async (eventId: string): Promise<Date[]> =>
    (
      await t.db.query<Array<{ send_at: Date }>>(
        `SELECT send_at FROM notifications WHERE event_id = $1 AND kind = 'reminder' AND status IN ('pending', 'queued') ORDER BY send_at`,
        [eventId],
      )
    ).map((r) => new Date(r.send_at));
  const sessionStarts = async (eventId: string): Promise<Date[]> =>
    (
      await t.db.query<Array<{ starts_at: Date }>>(
        'SELECT starts_at FROM sessions WHERE event_id = $1 ORDER BY title',
        [eventId],
      )
    ).map((r) => new Date(r.starts_at));
});
