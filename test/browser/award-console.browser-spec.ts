import type { Page } from 'playwright-core';
import { closeVoting, newAward, newAwardsEvent, openVoting } from '../factories/awards.factory.js';
import { type InsertedDelegate, insertMember, insertRegistration } from '../factories/db-fixtures.js';
import type { StaffUser } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { accessibilityViolations, type Browser, findChromium, freePort, launchBrowser } from './chromium.js';

/**
 * The award from the organiser's console, by accessible names at a phone's width: create a
 * ranked award, shortlist three nominees, five delegates vote on their personal pages (with
 * scripts off, choosing ranks), the console shows the turnout and no counts while voting is
 * open (kept live by the page's script), the rounds after the close, publishing after its confirmation step, and the public
 * results page. axe-core finds nothing on any console page; each is photographed.
 */
const executablePath = findChromium();
const describeInBrowser = executablePath ? describe : describe.skip;
const PHONE = { width: 390, height: 844 };
const HOUR = 3_600_000;
const TITLE = 'Link Officer of the Year';

/** A `datetime-local` value in Europe/London (the event's zone) `hours` from now. */
const local = (hours: number): string =>
  new Date(Date.now() + hours * HOUR)
    .toLocaleString('sv-SE', { timeZone: 'Europe/London' })
    .slice(0, 16)
    .replace(' ', 'T');

describeInBrowser('the award console in a browser', () => {
  let t: TestApp;
  let base: string;
  let organiserBrowser: Browser;
  let delegateBrowser: Browser;
  let organiser: StaffUser;
  let eventTitle: string;
  let eventSlug: string;
  let delegates: InsertedDelegate[];
  const violations: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({ processRole: 'api', appUrl: base, rateLimitDisabled: true });
    const ctx = await newAwardsEvent(t, { title: 'Network Annual Meeting' });
    organiser = ctx.organiser;
    eventTitle = ctx.event.title;
    eventSlug = ctx.event.slug;
    delegates = [];
    for (const name of ['Amara Okafor', 'Ben Ashby', 'Cara Diaz', 'Dev Patel', 'Erin Walsh']) {
      delegates.push(await insertRegistration(t.db, ctx.event.id, { name }));
    }
    await t.app.listen({ port, host: '127.0.0.1' });
    organiserBrowser = await launchBrowser(executablePath!);
    delegateBrowser = await launchBrowser(executablePath!, [], { javaScriptEnabled: false });
  });

  afterAll(async () => {
    await organiserBrowser?.close();
    await delegateBrowser?.close();
    await t?.close();
  });

  afterEach(() => {
    expect(organiserBrowser.problems.splice(0)).toEqual([]);
    expect(delegateBrowser.problems.splice(0)).toEqual([]);
  });

  async function seen(page: Page, name: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    violations.push(...(await accessibilityViolations(page)));
    await organiserBrowser.screenshot(page, `award-console-${name}-390`);
  }

  /** The organiser's page at My events, signing in first unless the session is there already. */
  async function signedIn(page: Page): Promise<void> {
    await page.goto(`${base}/staff`);
    if (new URL(page.url()).pathname === '/staff/sign-in') {
      await page.getByLabel('Email address').fill(organiser.email);
      await page.getByLabel('Password').fill(organiser.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
    }
    await page.getByRole('heading', { name: 'My events', level: 1 }).waitFor();
  }

  /** One delegate's ranked ballot, from their personal page, choosing ranks (no scripts). */
  async function vote(delegate: InsertedDelegate, ranks: Record<string, string>): Promise<void> {
    const page = await delegateBrowser.newPage();
    await page.setViewportSize(PHONE);
    await page.goto(`${base}/r/${delegate.token}`);
    await page.getByRole('link', { name: 'Vote' }).click();
    for (const [name, rank] of Object.entries(ranks)) await page.getByLabel(`Rank for ${name}`).selectOption(rank);
    await page.getByRole('button', { name: 'Cast my vote' }).click();
    await page.getByText('Your vote has been counted.').waitFor();
    await page.close();
  }

  it('an organiser creates a ranked award, delegates vote, the count is sealed until the close, then published', async () => {
    const page = await organiserBrowser.newPage();
    await page.setViewportSize(PHONE);
    await signedIn(page);
    await page.getByRole('link', { name: `Awards: ${eventTitle}` }).click();
    await page.getByRole('heading', { name: 'Awards', level: 1 }).waitFor();
    await page.getByText('This event has no awards yet.').waitFor();
    await seen(page, 'list-empty');

    // Create, with a refusal first: the message beside the field, the input kept.
    await page.getByRole('link', { name: 'Create an award' }).click();
    await page.getByLabel('Title').fill(TITLE);
    await page.getByRole('radio', { name: 'Ranked (instant runoff)' }).check();
    await page.getByLabel('Voting opens').fill(local(2));
    await page.getByLabel('Voting closes').fill(local(1));
    await page.getByRole('button', { name: 'Create the award' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expect(page.getByLabel('Title').inputValue()).resolves.toBe(TITLE);
    await seen(page, 'create-refused');
    // The refusal's status, as the API's (the browser records it as a failed response).
    expect(organiserBrowser.problems.splice(0)).toEqual([expect.stringMatching(/: 422 for .*\/awards\/new$/)]);
    await page.getByLabel('Voting closes').fill(local(4));
    await page.getByLabel('Only delegates who have checked in at the venue may vote').uncheck();
    await page.getByRole('button', { name: 'Create the award' }).click();
    await page.getByText('The award has been created.').waitFor();
    await page.getByText('Ranked (instant runoff)').waitFor();
    await seen(page, 'created');

    // The shortlist, added directly.
    for (const [name, organisation] of [
      ['Ada Lovelace', 'North PCN'],
      ['Grace Hopper', 'South PCN'],
      ['Mary Seacole', 'East PCN'],
    ]) {
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('Organisation (optional)').fill(organisation);
      await page.getByRole('button', { name: 'Add to the shortlist' }).click();
      await page.getByText('The nominee is on the shortlist.').waitFor();
    }
    await expect(page.getByRole('button', { name: /^Remove .* from the shortlist$/ }).count()).resolves.toBe(3);
    await seen(page, 'shortlist');
    await page.getByRole('link', { name: 'Edit the award' }).click();
    await page.getByRole('heading', { name: 'Edit the award' }).waitFor();
    await seen(page, 'edit');
    await page.getByRole('link', { name: 'Back to the award' }).click();

    // Voting opens (a test shortcut: its opening time is two hours away); five delegates vote.
    const awardId = new URL(page.url()).pathname.split('/').pop()!;
    await openVoting(t.db, awardId);
    await page.reload();
    await page.getByText('0 ballots cast of 5 eligible delegates.').waitFor();
    const [a, b, c, d, e] = delegates;
    await vote(a, { 'Ada Lovelace': '1', 'Grace Hopper': '2' });
    await vote(b, { 'Ada Lovelace': '1' });
    await vote(c, { 'Grace Hopper': '1', 'Ada Lovelace': '2' });
    await vote(d, { 'Grace Hopper': '1' });
    await vote(e, { 'Mary Seacole': '1', 'Ada Lovelace': '2' });

    // While voting is open: how many, never how; the page's script keeps the figure live.
    await page.getByText('5 ballots cast of 5 eligible delegates.').waitFor({ timeout: 25_000 });
    await expect(
      page.getByRole('progressbar', { name: '5 ballots cast of 5 eligible delegates.' }).count(),
    ).resolves.toBe(1);
    await expect(page.getByRole('table').count()).resolves.toBe(0);
    await expect(page.locator('meter').count()).resolves.toBe(0);
    await expect(page.getByText('Round 1').count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Publish the results' }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Download the audit file (CSV)' }).count()).resolves.toBe(0);
    await seen(page, 'turnout');

    // After the close: the rounds, the bars, the audit file, then publishing.
    await closeVoting(t.db, awardId);
    await page.reload();
    await page.getByRole('table', { name: 'Round 1' }).waitFor();
    const round2 = page.getByRole('table', { name: 'Round 2' });
    await expect(round2.getByRole('row', { name: /Ada Lovelace 3 60%/ }).count()).resolves.toBe(1);
    await expect(round2.getByRole('row', { name: /Grace Hopper 2 40%/ }).count()).resolves.toBe(1);
    await expect(page.getByRole('meter', { name: 'Ada Lovelace: 3 of 5' }).count()).resolves.toBe(1);
    await page.getByText('Eliminated at the end of the round: Mary Seacole.').waitFor();
    await page.getByText('Winner: Ada Lovelace').waitFor();
    await seen(page, 'results');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download the audit file (CSV)' }).click();
    expect((await download).suggestedFilename()).toBe(`award-${awardId}-audit.csv`);

    await page.getByRole('link', { name: 'Publish the results' }).click();
    await page.getByRole('heading', { name: 'Publish the results?' }).waitFor();
    await seen(page, 'publish-confirm');
    await page.getByRole('button', { name: 'Publish the results' }).click();
    await page.getByText('The results are published.').first().waitFor();
    await page.getByRole('link', { name: 'Public results page' }).click();
    await page.getByRole('heading', { name: `Results: ${TITLE}` }).waitFor();
    await page.getByText('Winner: Ada Lovelace').waitFor();
    await page.getByRole('table', { name: 'Round 2' }).waitFor();
    await seen(page, 'public-results');
    await page.close();

    // The personal page leads there too.
    const delegatePage = await delegateBrowser.newPage();
    await delegatePage.goto(`${base}/r/${a.token}`);
    await delegatePage.getByRole('link', { name: 'See the results' }).click();
    await delegatePage.getByText('Winner: Ada Lovelace').waitFor();
    expect(new URL(delegatePage.url()).pathname).toBe(`/events/${eventSlug}/awards/${awardId}`);
    await delegatePage.close();

    expect(violations).toEqual([]);
  });
  it('nominations merged and shortlisted, then a tie settled by a casting decision (the forms, by their labels)', async () => {
    const ctx = await newAwardsEvent(t, { title: 'Autumn Forum' });
    await insertMember(t.db, ctx.event.id, organiser.id, 'organiser');
    const award = await newAward(t, ctx, {
      nominees: [],
      open: false,
      body: {
        title: 'Newcomer of the Year',
        method: 'plurality',
        tiePolicy: 'casting',
        nominationsOpenAt: new Date(Date.now() - HOUR).toISOString(),
        nominationsCloseAt: new Date(Date.now() + HOUR).toISOString(),
        votingOpensAt: new Date(Date.now() + 2 * HOUR).toISOString(),
        votingClosesAt: new Date(Date.now() + 3 * HOUR).toISOString(),
      },
    });
    const voters: InsertedDelegate[] = [];
    for (const [by, nominee] of [
      ['Femi Adeyemi', 'Ella Baker'],
      ['Gita Rao', 'E. Baker'],
      ['Hal Jones', 'Rosa Parks'],
    ]) {
      const delegate = await insertRegistration(t.db, ctx.event.id, { name: by });
      voters.push(delegate);
      await t.http
        .post(`/api/awards/${award.id}/nominations`)
        .set(delegate.auth)
        .send({ nomineeName: nominee, statement: `${nominee} welcomed every newcomer.` })
        .expect(201);
    }

    const page = await organiserBrowser.newPage();
    await page.setViewportSize(PHONE);
    await signedIn(page);
    await page.getByRole('link', { name: 'Awards: Autumn Forum' }).click();
    await page.getByRole('link', { name: 'Newcomer of the Year' }).click();
    await page.getByText('Nominated by Gita Rao', { exact: true }).waitFor();
    await seen(page, 'nominations');
    await page
      .getByLabel('The nomination of E. Baker duplicates')
      .selectOption({ label: 'Ella Baker, nominated by Femi Adeyemi' });
    await page.getByRole('button', { name: 'Merge the nomination of E. Baker' }).click();
    await page.getByText('The nominations have been merged.').waitFor();
    await page.getByText('Merged into the nomination of Ella Baker').waitFor();
    await page.getByRole('button', { name: 'Add Ella Baker to the shortlist' }).click();
    await page.getByText('The nominee is on the shortlist.').waitFor();
    await page.getByRole('button', { name: 'Add Rosa Parks to the shortlist' }).click();
    await page.getByRole('button', { name: 'Remove Rosa Parks from the shortlist' }).waitFor();
    await seen(page, 'shortlisted');

    // One vote each: a tie for the award, which this award's policy leaves to an organiser.
    await openVoting(t.db, award.id);
    const shortlist = await t.db.query<Array<{ id: string; name: string }>>(
      'SELECT id, name FROM award_nominees WHERE award_id = $1 ORDER BY name',
      [award.id],
    );
    for (const [i, nominee] of shortlist.entries()) {
      await t.http
        .post(`/api/awards/${award.id}/ballots`)
        .set(voters[i].auth)
        .send({ nomineeId: nominee.id })
        .expect(201);
    }
    await closeVoting(t.db, award.id);
    await page.reload();
    await page.getByText('No winner yet: the tie below needs a casting decision.').waitFor();
    await expect(page.getByRole('link', { name: 'Publish the results' }).count()).resolves.toBe(0);
    const choice = page.getByRole('group', { name: 'Who wins the award?' });
    await choice.getByRole('radio', { name: 'Ella Baker' }).check();
    await page.getByRole('button', { name: 'Record the casting decision' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(organiserBrowser.problems.splice(0)).toEqual([expect.stringMatching(/: 400 for .*\/casting-decision$/)]);
    await seen(page, 'tie-refused');
    await page.getByRole('radio', { name: 'Ella Baker' }).check();
    await page
      .getByLabel('Reason (for the record and the audit file)')
      .fill('The chair’s casting vote, as the rules say');
    await page.getByRole('button', { name: 'Record the casting decision' }).click();
    await page.getByText('The casting decision is recorded.').waitFor();
    await page.getByText('Winner: Ella Baker').waitFor();
    await page.getByRole('link', { name: 'Publish the results' }).waitFor();
    await seen(page, 'tie-decided');
    await page.close();
    expect(violations).toEqual([]);
  });
});
