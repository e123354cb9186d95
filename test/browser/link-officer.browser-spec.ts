import { awardBody, newAwardsEvent } from '../factories/awards.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { accessibilityViolations, type Browser, findChromium, freePort, launchBrowser } from './chromium.js';

/**
 * A link officer's journey by accessible names: signing in by the emailed link, registering two
 * colleagues, swapping one for another colleague and nominating one for an award, at a phone's
 * and a laptop's width, with no WCAG 2.2 AA violations on any page.
 */
const executablePath = findChromium();
const describeInBrowser = executablePath ? describe : describe.skip;

const SIGN_IN_LINK = /(\/link-officer\/sign-in\/[A-Za-z0-9_-]{43})/;

describeInBrowser('a link officer in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let eventTitle: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // The worker role too: the sign-in link is emailed.
    t = await createTestApp({ appUrl: base, rateLimitDisabled: true });
    eventTitle = 'Practice Network Meeting';
    const ctx = await newAwardsEvent(t, {
      title: eventTitle,
      startsAt: new Date(Date.now() + 3600_000),
      endsAt: new Date(Date.now() + 2 * 3600_000),
    });
    await t.db.query(
      `INSERT INTO agencies (name, name_key, aliases, alias_keys, link_officer_email, active)
       VALUES ('Leeds City Council', 'leeds city council', '{}', '{}', 'lo@leeds.example', true)`,
    );
    const created = await t.http
      .post(`/api/events/${ctx.event.id}/awards`)
      .set(ctx.organiser.auth)
      .send(
        awardBody({
          title: 'Colleague of the Year',
          nominationsOpenAt: new Date(Date.now() + 5 * 60_000).toISOString(),
          nominationsCloseAt: new Date(Date.now() + 10 * 60_000).toISOString(),
          votingOpensAt: new Date(Date.now() + 20 * 60_000).toISOString(),
          votingClosesAt: new Date(Date.now() + 60 * 60_000).toISOString(),
        }),
      )
      .expect(201);
    await t.db.query(`UPDATE awards SET nominations_open_at = now() - interval '1 minute' WHERE id = $1`, [
      (created.body as { id: string }).id,
    ]);
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser(executablePath!);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  afterEach(() => {
    expect(browser.problems.splice(0)).toEqual([]);
  });

  it('registers two colleagues, swaps one, nominates one; axe finds nothing at 390 and 1280 px', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const checkBothWidths = async (name: string) => {
      for (const [width, height] of [
        [390, 844],
        [1280, 800],
      ]) {
        await page.setViewportSize({ width, height });
        expect(await accessibilityViolations(page)).toEqual([]);
        await browser.screenshot(page, `link-officer-${name}-${width}`);
      }
      await page.setViewportSize({ width: 390, height: 844 });
    };

    await page.goto(`${base}/link-officer/sign-in`);
    await page.getByLabel('Email address').fill('lo@leeds.example');
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    const mail = await t.mail.waitForMessage('lo@leeds.example', (m) => m.subject.includes('sign in'));
    await page.goto(base + (SIGN_IN_LINK.exec(mail.text)?.[1] ?? ''));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your agency' }).waitFor();

    const register = async (name: string, email: string, first: boolean) => {
      await page.getByRole('link', { name: `Register a colleague for ${eventTitle}` }).click();
      await page.getByRole('heading', { name: 'Register a colleague' }).waitFor();
      if (first) {
        // A refused form first: the messages beside the fields, the input kept.
        await page.getByLabel(/full name/).fill(name);
        await page.getByRole('button', { name: 'Register colleague' }).click();
        await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
        // The refusal is a 400, as the page means it to be.
        expect(browser.problems.splice(0)).toEqual([expect.stringContaining('/register: 400')]);
        await checkBothWidths('register-errors');
        await page.getByLabel(/email address/i).fill(email);
        await page.getByLabel(/My colleague agrees/).check();
        await checkBothWidths('register');
      } else {
        await page.getByLabel(/full name/).fill(name);
        await page.getByLabel(/email address/i).fill(email);
        await page.getByLabel('Job title (optional)').fill('Practice lead');
        await page.getByLabel(/My colleague agrees/).check();
      }
      await page.getByRole('button', { name: 'Register colleague' }).click();
      await page.getByText('Your colleague has a place.').waitFor();
    };
    await register('Ada Able', 'ada@leeds.example', true);
    await register('Ben Baker', 'ben@leeds.example', false);
    await page.getByRole('link', { name: 'Swap Ben Baker for another colleague' }).waitFor();
    await checkBothWidths('agency');

    await page.getByRole('link', { name: 'Swap Ben Baker for another colleague' }).click();
    await page.getByRole('heading', { name: 'Swap for another colleague' }).waitFor();
    await page.getByLabel(/full name/).fill('Cleo Carter');
    await page.getByLabel(/email address/i).fill('cleo@leeds.example');
    await page.getByLabel(/My colleague agrees/).check();
    await checkBothWidths('swap');
    await page.getByRole('button', { name: 'Swap colleague' }).click();
    await page.getByText('The place is passed on.').waitFor();
    await page.getByRole('link', { name: 'Swap Cleo Carter for another colleague' }).waitFor();
    expect(await page.getByRole('link', { name: 'Swap Ben Baker for another colleague' }).count()).toBe(0);

    await page.getByRole('link', { name: `Nominate a colleague for an award at ${eventTitle}` }).click();
    await page.getByRole('heading', { name: 'Nominate a colleague for an award' }).waitFor();
    await page.getByLabel('Award', { exact: true }).selectOption({ label: 'Colleague of the Year' });
    await page.getByLabel('Colleague you nominate').selectOption({ label: 'Cleo Carter' });
    await page.getByLabel('Why they deserve the award').fill('Cleo rebuilt the referral pathway this year.');
    await checkBothWidths('nominate');
    await page.getByRole('button', { name: 'Send nomination' }).click();
    await page.getByText('Your nomination has been sent to the organisers.').waitFor();

    const rows = await t.db.query<Array<{ nominee_name: string; nominator_kind: string }>>(
      'SELECT nominee_name, nominator_kind FROM award_nominations',
    );
    expect(rows).toEqual([{ nominee_name: 'Cleo Carter', nominator_kind: 'link_officer' }]);
    await page.close();
  }, 120_000);
});
