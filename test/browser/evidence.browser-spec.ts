import { AttendanceService } from '../../src/evidence/attendance.service.js';
import { insertEvent, insertRegistration, insertSession } from '../factories/db-fixtures.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { accessibilityViolations, type Browser, findChromium, freePort, launchBrowser } from './chromium.js';

const executablePath = findChromium();
const describeInBrowser = executablePath ? describe : describe.skip;
const MINUTE = 60_000;

/** A delegate's evidence journey on a phone: check in with the room's code, give feedback, get and verify the certificate. */
describeInBrowser('attend, give feedback, download and verify a CPD certificate, in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({ processRole: 'api', appUrl: base, rateLimitDisabled: true });
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

  it('goes from the room’s code to a verified certificate with no WCAG 2.2 AA violations', async () => {
    const now = Date.now();
    const event = await insertEvent(t.db, {
      title: 'Practice Forum',
      startsAt: new Date(now - 2 * 60 * MINUTE),
      endsAt: new Date(now + 2 * 60 * MINUTE),
    });
    const session = await insertSession(t.db, event, {
      title: 'Safeguarding in practice',
      kind: 'talk',
      startsAt: new Date(now - 30 * MINUTE),
      endsAt: new Date(now + 30 * MINUTE),
      capacity: null,
    });
    const amara = await insertRegistration(t.db, event.id, { name: 'Amara Okafor' });
    const { roomCode } = await t.app.get(AttendanceService).sheet(event.id, session.id);

    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/r/${amara.token}/attend`);
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await page.getByLabel('Room code').fill(roomCode.toLowerCase());
    await page.getByRole('button', { name: 'Check in' }).click();
    await page.getByText('You are checked in to the session.').waitFor();
    await expect(page.getByText('Total: 1 hour').isVisible()).resolves.toBe(true);
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await browser.screenshot(page, 'evidence-personal-390');

    await page.getByRole('link', { name: 'Give feedback on the event and your sessions' }).click();
    await page.getByRole('link', { name: 'Give feedback on Safeguarding in practice' }).click();
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    for (const question of [
      'The session met its aims',
      'It was relevant to my practice',
      'The speakers explained things clearly',
    ]) {
      await page.getByRole('group', { name: question }).getByLabel('4').check();
    }
    await page.getByLabel('What will you do differently in your practice?').fill('Ask families first.');
    await browser.screenshot(page, 'evidence-feedback-390');
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await page.getByText('Thank you: your feedback has been sent.').waitFor();
    await expect(page.getByText('Answered, thank you').isVisible()).resolves.toBe(true);
    await expect(accessibilityViolations(page)).resolves.toEqual([]);

    await page.goto(`${base}/r/${amara.token}`);
    const href = await page.getByRole('link', { name: 'Download your CPD certificate (PDF)' }).getAttribute('href');
    const pdf = await t.http.get(href!).buffer(true);
    expect(pdf.status).toBe(200);
    const [{ code }] = await t.db.query<Array<{ code: string }>>(
      'SELECT code FROM cpd_certificates WHERE registration_id = $1 AND revoked_at IS NULL',
      [amara.registration.id],
    );

    const verify = await browser.newPage();
    await verify.setViewportSize({ width: 390, height: 844 });
    await verify.goto(`${base}/certificates/${code}`);
    await expect(verify.getByText('This certificate is genuine.').isVisible()).resolves.toBe(true);
    await expect(verify.getByText('Amara Okafor').isVisible()).resolves.toBe(true);
    await expect(verify.getByText('1 hour', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(accessibilityViolations(verify)).resolves.toEqual([]);
    await browser.screenshot(verify, 'evidence-verify-390');
    await verify.close();
    await page.close();
  });
});
