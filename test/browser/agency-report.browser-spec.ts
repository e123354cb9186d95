import { insertEvent, insertMember, insertRegistration, insertSession } from '../factories/db-fixtures.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { accessibilityViolations, type Browser, findChromium, freePort, launchBrowser } from './chromium.js';

/**
 * The agency report by accessible names: an organiser opens the network's view from the
 * agencies' list, chooses a year, follows one agency's report; both at a phone's and a laptop's
 * width (and 320 px without scrolling sideways), with no WCAG 2.2 AA violations, and printed.
 */
const executablePath = findChromium();
const describeInBrowser = executablePath ? describe : describe.skip;

const sideways = (page: import('playwright-core').Page) =>
  page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

describeInBrowser('the agency report in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let organiser: StaffUser;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({ processRole: 'api', appUrl: base, rateLimitDisabled: true });
    organiser = await newStaff(t, { name: 'Sam Organiser' });
    const event = await insertEvent(t.db, {
      title: 'Summer Practice Day',
      startsAt: new Date('2026-06-10T09:00:00Z'),
      endsAt: new Date('2026-06-10T17:00:00Z'),
    });
    await insertMember(t.db, event.id, organiser.id, 'organiser');
    const workshop = await insertSession(t.db, event, {
      title: 'Building a movement',
      startsAt: new Date('2026-06-10T10:00:00Z'),
      endsAt: new Date('2026-06-10T11:30:00Z'),
    });
    for (const [agency, people] of [
      ['Leeds City Council', ['Ada Leeds', 'Ben Leeds']],
      ['Bradford Metropolitan District Council', ['Bob Bradford']],
    ] as const) {
      const [row] = await t.db.query<Array<{ id: string }>>(
        `INSERT INTO agencies (name, name_key, aliases, alias_keys, active) VALUES ($1, lower($1), '{}', '{}', true) RETURNING id`,
        [agency],
      );
      for (const name of people) {
        const { registration } = await insertRegistration(t.db, event.id, { name });
        await t.db.query(`UPDATE registrations SET agency_id = $2 WHERE id = $1`, [registration.id, row.id]);
        await t.db.query(
          `INSERT INTO session_check_ins (session_id, registration_id, checked_in_at) VALUES ($1, $2, now())`,
          [workshop.id, registration.id],
        );
      }
      if (agency === 'Leeds City Council') {
        await t.db.query(
          `INSERT INTO event_agency_places (event_id, agency_id, places, reserved) VALUES ($1, $2, 5, true)`,
          [event.id, row.id],
        );
      }
    }
    await t.db.query(
      `INSERT INTO canvases (event_id, session_id, title, sections, join_code) VALUES ($1, $2, 'Our canvas', '[]', 'QRST45')`,
      [event.id, workshop.id],
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

  it("an organiser reads every agency side by side, then one agency's report, on a phone and a laptop", async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/staff/sign-in`);
    await page.getByLabel('Email address').fill(organiser.email);
    await page.getByLabel('Password').fill(organiser.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My events' }).waitFor();

    await page.goto(`${base}/staff/agencies`);
    await page.getByRole('link', { name: 'Agency report' }).click();
    await page.getByLabel('Year', { exact: true }).fill('2026');
    await page.getByRole('button', { name: 'Show the report' }).click();
    await page.getByRole('heading', { name: 'Agency report: 2026' }).waitFor();
    const table = page.getByRole('table', { name: 'Every agency, 2026' });
    const leeds = table.getByRole('row', { name: /Leeds City Council/ });
    expect(await leeds.getByRole('cell').allTextContents()).toEqual([
      '5 reserved',
      '2',
      '0',
      '0',
      '2',
      '3',
      'fewer than 5',
    ]);
    await page.getByRole('region', { name: 'Agencies at Summer Practice Day' }).waitFor();

    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
      expect(await accessibilityViolations(page)).toEqual([]);
      await browser.screenshot(page, `agency-report-network-${width}`);
    }
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await sideways(page)).toBeLessThanOrEqual(0);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: 'Report: Leeds City Council' }).click();
    await page.getByRole('heading', { name: 'Leeds City Council: report for 2026' }).waitFor();
    const people = page.getByRole('table', { name: 'Delegates at Summer Practice Day' });
    await people.getByRole('rowheader', { name: 'Ada Leeds' }).waitFor();
    expect(await page.getByText('Bob Bradford').count()).toBe(0);
    await page.getByRole('link', { name: 'Write-up: Our canvas' }).waitFor();
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
      expect(await accessibilityViolations(page)).toEqual([]);
      await browser.screenshot(page, `agency-report-agency-${width}`);
    }
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await sideways(page)).toBeLessThanOrEqual(0);

    // Printed: the report's tables, without the year form and the download link.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Show the report' }).isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: 'Download as CSV' }).isVisible()).toBe(false);
    expect(await people.isVisible()).toBe(true);
    const pdf = await page.pdf({ path: 'test-artifacts/browser/print-agency-report.pdf', format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.close();
  });
});
