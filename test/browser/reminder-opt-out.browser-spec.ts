import { ReminderOptOuts } from '../../src/reminders/reminder-opt-outs.js';
import { insertEvent, insertRegistration } from '../factories/db-fixtures.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { accessibilityViolations, type Browser, findChromium, freePort, launchBrowser } from './chromium.js';

/**
 * The page behind a reminder's "Stop reminder emails" link, as a person opens it from their
 * mail: it asks first (opening the link changes nothing), one button stops the reminders.
 */
const executablePath = findChromium();
const describeInBrowser = executablePath ? describe : describe.skip;

describeInBrowser('stopping reminders from the emailed link, in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({ processRole: 'api', appUrl: base });
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

  it('asks, stops on the button, and has no WCAG 2.2 AA violations before or after', async () => {
    const event = await insertEvent(t.db, {
      title: 'Spring Network Meeting',
      status: 'published',
      publishedAt: new Date(),
    });
    const { registration } = await insertRegistration(t.db, event.id);
    const url = t.app.get(ReminderOptOuts).urlFor(registration.id);
    const optedOut = async () =>
      (await t.db.query(`SELECT 1 FROM reminder_opt_outs WHERE registration_id = $1`, [registration.id])).length > 0;

    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1280, height: 800 },
    ]) {
      await t.db.query(`DELETE FROM reminder_opt_outs WHERE registration_id = $1`, [registration.id]);
      const page = await browser.newPage();
      await page.setViewportSize(viewport);
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1, name: 'Stop reminders' }).isVisible()).resolves.toBe(true);
      await expect(page.getByText('Spring Network Meeting').first().isVisible()).resolves.toBe(true);
      await expect(accessibilityViolations(page)).resolves.toEqual([]);
      await browser.screenshot(page, `reminder-opt-out-ask-${viewport.width}`);
      await expect(optedOut()).resolves.toBe(false);

      await page.getByRole('button', { name: 'Stop these emails' }).click();
      await page.getByRole('heading', { level: 1, name: 'Reminders stopped' }).waitFor();
      await expect(accessibilityViolations(page)).resolves.toEqual([]);
      await browser.screenshot(page, `reminder-opt-out-done-${viewport.width}`);
      await expect(optedOut()).resolves.toBe(true);
      await page.close();
    }
  });
});
