import { newEvent } from '../factories/events.factory.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { accessibilityViolations, type Browser, findChromium, freePort, launchBrowser } from './chromium.js';

/**
 * A member of staff signs in from a browser, by the form's labels: lands on My events, signs
 * out, and the pages have no WCAG 2.2 AA violations at a phone's and a laptop's width.
 */
const executablePath = findChromium();
const describeInBrowser = executablePath ? describe : describe.skip;

describeInBrowser('staff sign-in in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let staff: StaffUser;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({ processRole: 'api', appUrl: base });
    staff = await newStaff(t, { name: 'Sam Organiser' });
    await newEvent(t, staff, { title: 'Network Annual Meeting' });
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
    it(`signs in by label, lands on My events and signs out (${viewport.width} px wide)`, async () => {
      const page = await browser.newPage();
      await page.setViewportSize(viewport);
      await page.goto(`${base}/staff`);
      // Not signed in: sent to the sign-in page.
      expect(new URL(page.url()).pathname).toBe('/staff/sign-in');
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      await browser.screenshot(page, `staff-sign-in-${viewport.width}`);

      // A wrong password first: the form again, with the error, still no violations.
      await page.getByLabel('Email address').fill(staff.email);
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').getByText('The email or password is not right.').waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      browser.problems.splice(0); // the 401 of the refused sign-in is the expected answer

      await page.getByLabel('Password').fill(staff.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'My events' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/staff');
      await page.getByRole('cell', { name: 'Network Annual Meeting', exact: true }).waitFor();
      await page.getByText(`Signed in as ${staff.email}`).waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      await browser.screenshot(page, `staff-my-events-${viewport.width}`);

      await page.getByRole('link', { name: 'Change password' }).click();
      await page.getByRole('heading', { name: 'Change password' }).waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      await browser.screenshot(page, `staff-password-${viewport.width}`);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByText('You have signed out.').waitFor();
      expect(new URL(page.url()).pathname).toBe('/staff/sign-in');
      await page.goto(`${base}/staff`);
      expect(new URL(page.url()).pathname).toBe('/staff/sign-in');
      await page.close();
    });
  }
});
