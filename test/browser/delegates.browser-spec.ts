import { insertEvent, insertMember, insertRegistration } from '../factories/db-fixtures.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { accessibilityViolations, type Browser, findChromium, freePort, launchBrowser } from './chromium.js';

/**
 * The organisers' delegate list by accessible names: from My events, filter by search and
 * status, open one delegate, erase after the confirmation step; no WCAG 2.2 AA violations
 * at a phone's and a laptop's width.
 */
const executablePath = findChromium();
const describeInBrowser = executablePath ? describe : describe.skip;

describeInBrowser('delegate pages in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let organiser: StaffUser;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({ processRole: 'api', appUrl: base, rateLimitDisabled: true });
    organiser = await newStaff(t, { name: 'Sam Organiser' });
    const event = await insertEvent(t.db, { title: 'Network Annual Meeting', capacity: 3 });
    await insertMember(t.db, event.id, organiser.id, 'organiser');
    await insertRegistration(t.db, event.id, {
      name: 'Amara Okafor',
      email: 'amara@northfield.example',
      organisation: 'Northfield Trust',
      accessNeeds: 'Step-free access',
    });
    await insertRegistration(t.db, event.id, { name: 'Ben Ashby', organisation: 'Okaf Housing' });
    await insertRegistration(t.db, event.id, { name: 'Wanda Wait', status: 'waitlisted', waitlistSeq: '1' });
    await t.db.query(
      `INSERT INTO notifications (kind, recipient, send_at, dedupe_key, status, last_error, attempts, event_id)
       VALUES ('registration-confirmed', 'bounced@example.org', now(), 'test:browser-mail', 'failed', '550 mailbox unavailable', 6, $1)`,
      [event.id],
    );
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
    it(`filters, opens a delegate and sees the erase confirmation (${viewport.width} px wide)`, async () => {
      const page = await browser.newPage();
      await page.setViewportSize(viewport);
      await page.goto(`${base}/staff/sign-in`);
      await page.getByLabel('Email address').fill(organiser.email);
      await page.getByLabel('Password').fill(organiser.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('link', { name: 'Delegates: Network Annual Meeting' }).click();
      await page.getByRole('heading', { name: 'Delegates', level: 1 }).waitFor();
      await page.getByText('1 place is free and 1 person is waiting.').waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      await browser.screenshot(page, `staff-delegates-${viewport.width}`);

      await page.getByLabel('Name, email or organisation').fill('okaf');
      await page.getByLabel('Status').selectOption({ label: 'Confirmed' });
      await page.getByRole('button', { name: 'Show delegates' }).click();
      await page.getByText('Showing 1 to 2 of 2').waitFor();
      await page.getByRole('link', { name: 'Amara Okafor' }).click();
      await page.getByRole('heading', { name: 'Amara Okafor' }).waitFor();
      await page.getByText('Step-free access').waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      await browser.screenshot(page, `staff-delegate-${viewport.width}`);

      await page.getByRole('link', { name: 'Erase personal data' }).click();
      await page.getByText('Erase Amara Okafor’s personal data?').waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Keep it' }).click();
      await page.getByRole('heading', { name: 'Amara Okafor' }).waitFor();
      await page.close();
    });
  }

  it('the mail page shows a failed email with its error and sends it again', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/staff`);
    await page.getByRole('link', { name: 'Mail: Network Annual Meeting' }).click();
    await page.getByRole('heading', { name: 'Mail', level: 1 }).waitFor();
    await page.getByText('Failed: 550 mailbox unavailable').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await browser.screenshot(page, 'staff-mail-390');
    await page
      .getByRole('button', { name: 'Send the registration-confirmed email to bounced@example.org again' })
      .click();
    await page.getByText('The email will be sent again shortly.').waitFor();
    await page.close();
  });

  it('erases after the confirmation, and fills the free seat from the waiting list', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/staff`);
    await page.getByRole('link', { name: 'Delegates: Network Annual Meeting' }).click();
    await page.getByRole('button', { name: 'Fill free seats from the waiting list' }).click();
    await page.getByText('Free seats went to the waiting list in order').waitFor();
    await page.getByRole('link', { name: 'Ben Ashby' }).click();
    await page.getByRole('link', { name: 'Erase personal data' }).click();
    await page.getByRole('button', { name: 'Erase personal data' }).click();
    await page.getByText('The delegate’s personal data is erased.').waitFor();
    expect(await page.getByRole('link', { name: 'Ben Ashby' }).count()).toBe(0);
    await page.close();
  });
});
