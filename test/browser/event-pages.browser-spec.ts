import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { accessibilityViolations, type Browser, findChromium, freePort, launchBrowser } from './chromium.js';

/**
 * An organiser in a browser, by accessible names: signs in, creates an event from the form,
 * adds a facilitator, publishes it through the confirmation step; no WCAG 2.2 AA violations.
 */
const executablePath = findChromium();
const describeInBrowser = executablePath ? describe : describe.skip;

describeInBrowser('event pages in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let organiser: StaffUser;
  let facilitator: StaffUser;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({ processRole: 'api', appUrl: base });
    organiser = await newStaff(t, { name: 'Olive Organiser' });
    facilitator = await newStaff(t, { name: 'Fay Facilitator' });
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser(executablePath!);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  afterEach(() => {
    expect(browser.problems.splice(0)).toEqual([]);
  });

  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ]) {
    it(`creates, staffs and publishes an event (${viewport.width} px wide)`, async () => {
      const page = await browser.newPage();
      await page.setViewportSize(viewport);
      const violations: string[] = [];
      const check = async (name: string) => {
        violations.push(...(await accessibilityViolations(page)).map((v) => `${name}: ${v}`));
        await browser.screenshot(page, `staff-${name}-${viewport.width}`);
      };
      await page.goto(`${base}/staff/sign-in`);
      await page.getByLabel('Email address').fill(organiser.email);
      await page.getByLabel('Password').fill(organiser.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('link', { name: 'Create an event' }).click();
      await page.getByRole('heading', { name: 'Create an event' }).waitFor();
      await check('event-new');
      const title = `Network Meeting ${viewport.width}`;
      await page.getByLabel('Title').fill(title);
      await page.getByLabel('Venue (optional)').fill('Town Hall');
      await page.getByLabel('Starts').fill('2031-06-04T09:00');
      await page.getByLabel('Ends').fill('2031-06-05T17:00');
      await page.getByLabel('Places').fill('80');
      await page.getByRole('button', { name: 'Create the event' }).click();
      await page.getByRole('heading', { name: title }).waitFor();
      await page.getByText('The event has been created as a draft.').waitFor();

      await page.getByLabel('Staff email address').fill(facilitator.email);
      await page.getByRole('button', { name: 'Add to the team' }).click();
      await page.getByRole('cell', { name: `Fay Facilitator (${facilitator.email})`, exact: true }).waitFor();
      await check('event');

      await page.getByRole('link', { name: 'Publish…' }).click();
      await page.getByRole('heading', { name: 'Publish the event?' }).waitFor();
      await page.getByText('Nobody is emailed now.', { exact: false }).waitFor();
      await check('event-publish');
      await page.getByRole('button', { name: 'Publish', exact: true }).click();
      await page.getByText('The event is published.').waitFor();
      await page.getByText('Published', { exact: true }).waitFor();
      expect(violations).toEqual([]);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByText('You have signed out.').waitFor();
      await page.close();
    });
  }
});
