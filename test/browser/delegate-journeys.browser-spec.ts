import type { Locator, Page } from 'playwright-core';
import { closeVoting, newAward, newAwardsEvent, type CreatedAward } from '../factories/awards.factory.js';
import { insertSession } from '../factories/db-fixtures.js';
import { tokenFromMail } from '../factories/registrations.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { accessibilityViolations, findChromium, freePort, launchBrowser } from './chromium.js';

/**
 * A delegate's whole journey in a real browser at a phone's size, finding every control by its
 * accessible name or label, with JavaScript on and again with it off: register (a refused form
 * first), the confirmation page, the personal page through the link from the captured mail, a
 * workshop sign-up, a note on the workshop's delegates-only canvas, a nomination, a plurality
 * and a ranked vote with their receipts, results once published; the lost-link form. axe-core
 * checks every page visited, and each is photographed at 390×844 and 1280×800.
 */
const executablePath = findChromium();
const describeInBrowser = executablePath ? describe : describe.skip;
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };
const MINUTE = 60_000;

describeInBrowser('a delegate’s journey in a browser', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({ appUrl: base });
    await t.app.listen({ port, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await t?.close();
  });

  /** One event's worth of things to do, fresh per run (a delegate votes once per award). */
  async function world(label: string) {
    const local = await newAwardsEvent(t, { title: `Practice Network Meeting (${label})` });
    const { event, organiser } = local;
    await insertSession(t.db, event, { title: 'Opening plenary', kind: 'keynote' });
    const workshop = await insertSession(t.db, event, {
      title: 'Mapping local assets',
      kind: 'workshop',
      capacity: 20,
      room: 'Room 2',
      startsAt: new Date(event.startsAt.getTime() + 2 * 60 * MINUTE),
      endsAt: new Date(event.startsAt.getTime() + 3 * 60 * MINUTE),
    });
    await t.http
      .post(`/api/events/${event.id}/canvases`)
      .set(organiser.auth)
      .send({ title: 'Assets canvas', sessionId: workshop.id, anonymous: false })
      .expect(201);
    await newAward(t, local, {
      open: false,
      body: {
        title: 'Team of the Year',
        nominationsOpenAt: new Date(Date.now() - MINUTE).toISOString(),
        nominationsCloseAt: new Date(Date.now() + 20 * MINUTE).toISOString(),
      },
    });
    const plurality = await newAward(t, local, { body: { title: 'Link Officer of the Year' } });
    const ranked = await newAward(t, local, { body: { title: 'Newcomer of the Year', method: 'ranked' } });
    return { event, organiser, plurality, ranked };
  }

  /**
   * Every page visited: no axe findings, a photograph at both sizes. axe is a script, so a page
   * seen with scripts off is checked when the same page is seen with them on (the server sends
   * the same HTML either way).
   */
  async function visited(page: Page, name: string, violations: string[], scripting = true): Promise<void> {
    await page.waitForLoadState('networkidle');
    if (scripting) violations.push(...(await accessibilityViolations(page)));
    await page.setViewportSize(LAPTOP);
    await page.screenshot({ path: `test-artifacts/browser/delegate-${name}-1280.png`, fullPage: true });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: `test-artifacts/browser/delegate-${name}-390.png`, fullPage: true });
  }

  const scripts = [
    { label: 'javascript-on', javaScriptEnabled: true },
    { label: 'javascript-off', javaScriptEnabled: false },
  ];

  for (const run of scripts) {
    it(`registers, signs up, posts, nominates, votes and sees results (${run.label})`, async () => {
      const { event, organiser, plurality, ranked } = await world(run.label);
      const browser = await launchBrowser(executablePath!, [], { javaScriptEnabled: run.javaScriptEnabled });
      const violations: string[] = [];
      const shot = (name: string) => `${run.label}-${name}`;
      try {
        const page = await browser.newPage();
        await page.setViewportSize(PHONE);
        const visit = (name: string) => visited(page, name, violations, run.javaScriptEnabled);

        await page.goto(`${base}/events/${event.slug}`);
        await visit(shot('agenda'));
        await page.getByRole('link', { name: 'Register' }).click();
        await expect(page.getByRole('heading', { level: 1, name: 'Register' }).isVisible()).resolves.toBe(true);
        await visit(shot('register'));

        // A refused form: the message beside its field, what was typed kept.
        const email = `rosa-${run.label}@example.org`;
        await page.getByLabel('Full name').fill('Rosa Parks');
        await page.getByLabel('Email address').fill('rosa-at-example');
        await page.getByRole('button', { name: 'Register' }).click();
        await expect(page.locator('#email-error').textContent()).resolves.toContain('Enter an email address');
        await expect(page.getByLabel('Full name').inputValue()).resolves.toBe('Rosa Parks');
        await expect(page.getByLabel('Email address').getAttribute('aria-invalid')).resolves.toBe('true');
        await visit(shot('register-refused'));

        const from = t.mail.messages.length;
        await page.getByLabel('Email address').fill(email);
        await page.getByLabel(/I agree that the organisers keep these details/).check();
        await page.getByRole('button', { name: 'Register' }).click();
        await expect(page.getByRole('heading', { level: 1, name: 'Check your email' }).isVisible()).resolves.toBe(true);
        const token = await tokenFromMail(t, email, from);
        await expect(page.content()).resolves.not.toContain(token);
        await visit(shot('register-sent'));

        // The personal page through the emailed link.
        await page.goto(`${base}/r/${token}`);
        await expect(page.getByText('You have a place.', { exact: true }).isVisible()).resolves.toBe(true);
        await visit(shot('personal'));
        await page.getByRole('button', { name: 'Sign up' }).click();
        await expect(page.getByText('You are signed up for the workshop.').isVisible()).resolves.toBe(true);

        // The workshop's delegates-only canvas opens as this delegate.
        await page.getByRole('link', { name: 'Open the canvas “Assets canvas”' }).click();
        await expect(page.getByText('Your note is signed with your name, Rosa Parks.').isVisible()).resolves.toBe(true);
        await visit(shot('canvas'));
        await page.getByLabel('Section').selectOption({ label: 'People' });
        await page.getByLabel('Your note').fill(`The library has rooms (${run.label})`);
        await page.getByRole('button', { name: 'Post note' }).click();
        if (run.javaScriptEnabled) await page.getByText('Posted. Thank you!').waitFor();
        else await page.getByText('Your note is on the canvas.').waitFor();
        const notes = await t.db.query(`SELECT author_name FROM canvas_notes WHERE text = $1`, [
          `The library has rooms (${run.label})`,
        ]);
        expect(notes).toEqual([{ author_name: 'Rosa Parks' }]);

        // A nomination.
        await page.goto(`${base}/r/${token}`);
        await awardItem(page, 'Team of the Year').getByRole('link', { name: 'Nominate someone' }).click();
        await visit(shot('nominate'));
        await page.getByLabel('Who are you nominating?').fill('Ella Baker');
        await page.getByLabel('Why do they deserve the award?').fill('Organised the grassroots.');
        await page.getByRole('button', { name: 'Send nomination' }).click();
        await expect(page.getByText('Thank you: your nomination has been sent.').isVisible()).resolves.toBe(true);

        // A plurality vote, its receipt.
        await page.goto(`${base}/r/${token}`);
        await awardItem(page, 'Link Officer of the Year').getByRole('link', { name: 'Vote' }).click();
        await visit(shot('vote-plurality'));
        await page.getByRole('radio', { name: /Grace Hopper/ }).check();
        await page.getByRole('button', { name: 'Cast my vote' }).click();
        await expect(page.getByText('Your vote has been counted.').isVisible()).resolves.toBe(true);
        await expect(page.locator('#receipt').textContent()).resolves.toMatch(/^[A-Z0-9-]{8,}$/);
        await visit(shot('receipt'));

        // A ranked vote: with JavaScript by moving nominees, without it by choosing ranks.
        await page.goto(`${base}/r/${token}/awards/${ranked.id}`);
        await visit(shot('vote-ranked'));
        if (run.javaScriptEnabled) {
          await page.getByRole('button', { name: 'Move Mary Seacole up' }).click();
          await page.getByRole('button', { name: 'Move Mary Seacole up' }).click();
          await expect(page.getByLabel('Rank for Mary Seacole').inputValue()).resolves.toBe('1');
        } else {
          await page.getByLabel('Rank for Mary Seacole').selectOption('1');
          await page.getByLabel('Rank for Ada Lovelace').selectOption('3');
          await page.getByRole('button', { name: 'Cast my vote' }).click();
          await expect(page.locator('#error-summary-title').isVisible()).resolves.toBe(true);
          await expect(page.getByLabel('Rank for Ada Lovelace').inputValue()).resolves.toBe('3');
          await visit(shot('vote-ranked-refused'));
          await page.getByLabel('Rank for Ada Lovelace').selectOption('2');
        }
        await page.getByRole('button', { name: 'Cast my vote' }).click();
        await expect(page.getByText('You have voted.').first().isVisible()).resolves.toBe(true);
        await expect(receipts(ranked)).resolves.toBe(1);

        // Results once the organisers publish them.
        await closeVoting(t.db, plurality.id);
        await t.http.post(`/api/awards/${plurality.id}/results/publish`).set(organiser.auth).expect(200);
        await page.goto(`${base}/r/${token}/awards/${plurality.id}`);
        await expect(page.getByText('Winner: Grace Hopper').isVisible()).resolves.toBe(true);
        await visit(shot('results'));

        // Details.
        await page.goto(`${base}/r/${token}`);
        await page.getByRole('link', { name: 'Change my details' }).click();
        await visit(shot('details'));
        await page.getByLabel('Dietary needs (optional)').fill('Vegetarian');
        await page.getByRole('button', { name: 'Save my details' }).click();
        await expect(page.getByText('Your details have been saved.').isVisible()).resolves.toBe(true);
        await expect(page.getByText('Vegetarian').isVisible()).resolves.toBe(true);

        // The lost link, and a link that does not work.
        await page.goto(`${base}/events/${event.slug}/link`);
        await visit(shot('lost-link'));
        await page.getByLabel('Email address').fill(email);
        await page.getByRole('button', { name: 'Email me my link' }).click();
        await expect(page.getByText('If that address is registered for this event').isVisible()).resolves.toBe(true);
        await visit(shot('lost-link-sent'));
        await page.goto(`${base}/r/not-a-working-link`);
        await visit(shot('link-not-valid'));

        // Refused forms and the broken link answer 4xx on purpose.
        const problems = browser.problems.filter((p) => !/: 40[04] for /.test(p));
        expect(problems).toEqual([]);
        expect(violations).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  }

  it('registers and votes with the keyboard alone (Tab, Enter, Space)', async () => {
    const { event, plurality } = await world('keyboard');
    const browser = await launchBrowser(executablePath!);
    try {
      const page = await browser.newPage();
      await page.setViewportSize(PHONE);
      await page.goto(`${base}/events/${event.slug}/register`);
      const email = 'keyboard@example.org';
      const from = t.mail.messages.length;
      await tabTo(page, page.getByLabel('Full name'));
      await page.keyboard.type('Bayard Rustin');
      await tabTo(page, page.getByLabel('Email address'));
      await page.keyboard.type(email);
      await tabTo(page, page.getByLabel(/I agree that the organisers keep these details/));
      await page.keyboard.press('Space');
      await tabTo(page, page.getByRole('button', { name: 'Register' }));
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
      const token = await tokenFromMail(t, email, from);

      await page.goto(`${base}/r/${token}/awards/${plurality.id}`);
      await tabTo(page, page.getByRole('radio', { name: /Ada Lovelace/ }));
      await page.keyboard.press('Space');
      await tabTo(page, page.getByRole('button', { name: 'Cast my vote' }));
      await page.keyboard.press('Enter');
      await page.getByText('Your vote has been counted.').waitFor();
      await expect(receipts(plurality)).resolves.toBe(1);
      expect(browser.problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  const awardItem = (page: Page, title: string): Locator => page.locator('li', { hasText: title });

  const receipts = async (award: CreatedAward): Promise<number> =>
    (await t.db.query(`SELECT count(*)::int AS n FROM ballot_receipts WHERE award_id = $1`, [award.id]))[0].n as number;
});

/** Presses Tab until `target` has the focus (at most 60 times): it is reachable by keyboard. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((node) => node === (node.ownerDocument as { activeElement: unknown }).activeElement))
      return;
  }
  throw new Error('the control was not reached with Tab');
}
