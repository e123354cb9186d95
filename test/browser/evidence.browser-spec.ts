import { AttendanceService } from '../../src/evidence/attendance.service.js';
import { ImpactFollowUpService } from '../../src/evidence/impact-follow-up.service.js';
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

    // A reflection on the session, for the delegate's own CPD record.
    await page.goto(`${base}/r/${amara.token}`);
    await page.getByRole('link', { name: 'Write a reflection on “Safeguarding in practice”' }).click();
    await page.getByRole('heading', { name: 'Your reflection on “Safeguarding in practice”' }).waitFor();
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await page.getByLabel('What I learned').fill('Strengths first changes the conversation.');
    await page.getByLabel('How I will use it in my practice').fill('I will open home visits with it.');
    await browser.screenshot(page, 'evidence-reflection-390');
    await page.getByRole('button', { name: 'Save reflection' }).click();
    await page.getByText('Your reflection has been saved to your CPD record.').waitFor();
    await page.getByRole('link', { name: 'Edit your reflection on “Safeguarding in practice”' }).waitFor();

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

  it('answers the impact follow-up weeks later with scripts off, once, with no WCAG 2.2 AA violations', async () => {
    const event = await insertEvent(t.db, {
      title: 'Spring Forum',
      startsAt: new Date(Date.now() - 30 * 24 * 60 * MINUTE),
      endsAt: new Date(Date.now() - 30 * 24 * 60 * MINUTE + 8 * 60 * MINUTE),
    });
    const session = await insertSession(t.db, event, { title: 'Working with families', capacity: null });
    const ben = await insertRegistration(t.db, event.id, { name: 'Ben Adeyemi' });
    await t.db.query(
      `INSERT INTO session_check_ins (session_id, registration_id, checked_in_at) VALUES ($1, $2, now())`,
      [session.id, ben.registration.id],
    );
    await t.db.query(
      `INSERT INTO impact_follow_ups (event_id, after_count, after_unit, rating_question, practice_question)
       VALUES ($1, 2, 'weeks', 'How much has the event changed your practice?', 'What have you changed in your practice since?')`,
      [event.id],
    );
    await t.app.get(ImpactFollowUpService).sendDue();

    const noScripts = await launchBrowser(executablePath!, [], { javaScriptEnabled: false });
    try {
      const page = await noScripts.newPage();
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${base}/r/${ben.token}/follow-up`);
      await page.getByRole('heading', { name: 'Since Spring Forum: what has changed?' }).waitFor();
      await page.getByRole('button', { name: 'Send feedback' }).click();
      await page.getByRole('alert').waitFor();
      await page.getByRole('group', { name: 'How much has the event changed your practice?' }).getByLabel('4').check();
      await page.getByLabel('What have you changed in your practice since?').fill('I ask families what works first.');
      await noScripts.screenshot(page, 'evidence-follow-up-no-js-390');
      await page.getByRole('button', { name: 'Send feedback' }).click();
      await page.getByText('Thank you: your feedback has been sent.').waitFor();
      await page.goto(`${base}/r/${ben.token}/follow-up`);
      await page.getByText('You have answered the follow-up.').waitFor();
      // The empty answer sent first is refused with the form again, as a 400 page.
      const refusal = noScripts.problems.findIndex((p) => p.endsWith(`400 for ${base}/r/${ben.token}/follow-up`));
      expect(refusal).toBeGreaterThanOrEqual(0);
      noScripts.problems.splice(refusal, 1);
      expect(noScripts.problems.splice(0)).toEqual([]);
    } finally {
      await noScripts.close();
    }
    const page = await browser.newPage();
    await page.goto(`${base}/r/${ben.token}/follow-up`);
    await page.getByText('You have answered the follow-up.').waitFor();
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await page.close();
    const answers = await t.db.query<Array<{ ratings: Record<string, number>; practice: string }>>(
      `SELECT ratings, practice FROM feedback_answers WHERE event_id = $1 AND round = 'impact'`,
      [event.id],
    );
    expect(answers).toEqual([{ ratings: { change: 4 }, practice: 'I ask families what works first.' }]);
  });
});
