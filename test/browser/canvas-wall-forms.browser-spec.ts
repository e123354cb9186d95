import type { Page } from 'playwright-core';
import { insertEvent, insertMember, insertRegistration } from '../factories/db-fixtures.js';
import { newCanvas } from '../factories/canvas.factory.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { accessibilityViolations, type Browser, findChromium, freePort, launchBrowser } from './chromium.js';

/**
 * The facilitator's wall with JavaScript off (moving and hiding through its plain forms),
 * hiding author names on the room's screen, and the canvas console on a phone.
 */
const executablePath = findChromium();
const describeInBrowser = executablePath ? describe : describe.skip;

const PHONE = { width: 390, height: 844 };

describeInBrowser('the facilitator wall without JavaScript, and the console on a phone', () => {
  let t: TestApp;
  let base: string;
  let facilitator: StaffUser;
  let eventId: string;
  let canvas: { id: string; joinCode: string };
  let noScript: Browser;
  let room: Browser;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({ processRole: 'api', appUrl: base, rateLimitDisabled: true });
    facilitator = await newStaff(t, { name: 'Fran Facilitator' });
    const event = await insertEvent(t.db, { title: 'Building a movement' });
    eventId = event.id;
    await insertMember(t.db, event.id, facilitator.id, 'facilitator');
    await t.app.listen({ port, host: '127.0.0.1' });
    canvas = await newCanvas(t, eventId, facilitator, { title: 'Named canvas', anonymous: false });
    for (const [name, text] of [
      ['Grace Hopper', 'Solidarity'],
      ['Ada Lovelace', 'Mutual aid'],
    ]) {
      const delegate = await insertRegistration(t.db, eventId, { name });
      await t.http
        .post(`/api/canvases/join/${canvas.joinCode}/notes`)
        .set(delegate.auth)
        .send({ section: 'values', text })
        .expect(201);
    }
    noScript = await launchBrowser(executablePath!, [], { javaScriptEnabled: false });
    room = await launchBrowser(executablePath!);
  });

  afterAll(async () => {
    await noScript?.close();
    await room?.close();
    await t?.close();
  });

  afterEach(() => {
    expect(noScript.problems.splice(0)).toEqual([]);
    expect(room.problems.splice(0)).toEqual([]);
  });

  const signIn = async (page: Page) => {
    await page.goto(`${base}/staff/sign-in`);
    await page.getByLabel('Email address').fill(facilitator.email);
    await page.getByLabel('Password').fill(facilitator.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My events' }).waitFor();
  };

  it('moves and hides notes through the plain forms, and hides author names on the room screen', async () => {
    const wall = await noScript.newPage();
    await signIn(wall);
    await wall.goto(`${base}/staff/events/${eventId}/canvases/${canvas.id}`);
    await wall.getByRole('heading', { name: 'Named canvas', level: 1 }).waitFor();

    const screen = await room.newPage();
    await screen.goto(`${base}/canvases/${canvas.joinCode}/wall`);
    await screen.getByText('Solidarity').waitFor();
    await screen.getByText('Grace Hopper').waitFor();

    // Move "Solidarity" to another section through its menu's form.
    const solidarity = wall.getByRole('article', { name: 'Solidarity' });
    await solidarity.getByText('Moderate').click();
    await solidarity.getByLabel('Move to').selectOption({ label: 'Purpose and vision' });
    await solidarity.getByRole('button', { name: 'Move', exact: true }).click();
    await wall.getByText('Saved: the note is changed on every screen.').waitFor();
    const purpose = wall.locator('section.column', { has: wall.getByRole('heading', { name: 'Purpose and vision' }) });
    await purpose.getByRole('article', { name: 'Solidarity' }).waitFor();

    // Hide "Mutual aid": the wall marks it, the room's screen drops it.
    const mutualAid = wall.getByRole('article', { name: 'Mutual aid' });
    await mutualAid.getByText('Moderate').click();
    await mutualAid.getByRole('button', { name: 'Hide', exact: true }).click();
    await wall.getByText('Saved: the note is changed on every screen.').waitFor();
    await wall.getByRole('article', { name: 'Mutual aid' }).getByText('Hidden from the screens').waitFor();
    await screen.getByText('Mutual aid').waitFor({ state: 'detached' });

    // Hide the names: the room's screen stops showing who wrote what.
    await wall.getByRole('button', { name: 'Hide names on the screens' }).click();
    await wall.getByText('Saved: every screen follows the change.').waitFor();
    await wall.getByRole('button', { name: 'Show names on the screens' }).waitFor();
    await screen.getByText('Grace Hopper').waitFor({ state: 'detached' });
    await screen.reload();
    await screen.getByText('Solidarity').waitFor();
    expect(await screen.getByText('Grace Hopper').count()).toBe(0);

    // axe runs in the page, so the same wall is checked in the browser with scripts on.
    const scripted = await room.newPage();
    await signIn(scripted);
    await scripted.goto(`${base}/staff/events/${eventId}/canvases/${canvas.id}`);
    await scripted.getByRole('heading', { name: 'Named canvas', level: 1 }).waitFor();
    expect(await accessibilityViolations(scripted)).toEqual([]);
    expect(await accessibilityViolations(screen)).toEqual([]);
    await noScript.screenshot(wall, 'canvas-wall-no-js');
    await room.screenshot(screen, 'canvas-room-names-hidden');
  });

  it('fits the canvas console and the write-up email confirmation on a phone', async () => {
    const page = await room.newPage();
    await page.setViewportSize(PHONE);
    await signIn(page);
    await page.goto(`${base}/staff/events/${eventId}/canvases`);
    await page.getByRole('heading', { name: 'Canvases', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Open the wall of “Named canvas”' }).waitFor();
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(PHONE.width);
    expect(await accessibilityViolations(page)).toEqual([]);
    await room.screenshot(page, 'canvas-console-390');

    await page.goto(`${base}/staff/events/${eventId}/canvases/${canvas.id}/email-write-up`);
    await page.getByText('This emails the write-up to 2 people').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await room.screenshot(page, 'canvas-email-write-up-390');
    await page.getByRole('button', { name: 'Email 2 people' }).click();
    await page.getByText('The write-up is on its way').waitFor();
  });
});
