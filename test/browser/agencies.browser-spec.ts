import { insertEvent, insertMember, insertRegistration } from '../factories/db-fixtures.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { accessibilityViolations, type Browser, findChromium, freePort, launchBrowser } from './chromium.js';

/**
 * The network's agencies by accessible names: an organiser checks a CSV, applies it, sees the
 * list and the organisations that matched none, maps one; a delegate with scripts off chooses
 * their agency on the register page. No WCAG 2.2 AA violations at a phone's and a laptop's width.
 */
const executablePath = findChromium();
const describeInBrowser = executablePath ? describe : describe.skip;

const CSV = [
  'name,aliases,region,link_officer_email',
  '"Leeds City Council","Leeds CC; LCC",Yorkshire,lo@leeds.example',
  'Age UK Leeds,,Yorkshire,',
].join('\n');

describeInBrowser('member agencies in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let noScripts: Browser;
  let organiser: StaffUser;
  let slug: string;
  let eventId: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({ processRole: 'api', appUrl: base, rateLimitDisabled: true });
    organiser = await newStaff(t, { name: 'Sam Organiser' });
    const event = await insertEvent(t.db, { title: 'Network Annual Meeting' });
    slug = event.slug;
    eventId = event.id;
    await insertMember(t.db, event.id, organiser.id, 'organiser');
    await insertRegistration(t.db, event.id, { name: 'Typed Elsewhere', organisation: 'Leeds Council (Adults)' });
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser(executablePath!);
    noScripts = await launchBrowser(executablePath!, [], { javaScriptEnabled: false });
  });

  afterAll(async () => {
    await browser?.close();
    await noScripts?.close();
    await t?.close();
  });

  afterEach(() => {
    expect(browser.problems.splice(0)).toEqual([]);
    expect(noScripts.problems.splice(0)).toEqual([]);
  });

  it('an organiser checks and applies a CSV, sees the network view and maps an unmatched organisation', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/staff/sign-in`);
    await page.getByLabel('Email address').fill(organiser.email);
    await page.getByLabel('Password').fill(organiser.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My events' }).waitFor();

    await page.goto(`${base}/staff/agencies`);
    await page.getByRole('link', { name: 'Import agencies from CSV' }).click();
    await page.getByLabel('CSV file contents').fill(CSV);
    await page.getByRole('button', { name: 'Check what would change' }).click();
    await page.getByText('2 new agencies').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await browser.screenshot(page, 'agencies-import-check-390');
    await page.getByRole('button', { name: 'Apply these changes' }).click();
    await page.getByText('The agencies are imported.').waitFor();

    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 844 });
      await page.getByRole('rowheader', { name: 'Leeds City Council' }).waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      await browser.screenshot(page, `agencies-list-${width}`);
    }

    await page.getByRole('link', { name: 'Organisations not matched to an agency' }).click();
    await page.getByRole('rowheader', { name: 'Leeds Council (Adults)' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await browser.screenshot(page, 'agencies-unmatched-1280');
    await page.getByLabel('Agency it means: Leeds Council (Adults)').selectOption({ label: 'Leeds City Council' });
    await page.getByRole('button', { name: /^Map.*Leeds Council \(Adults\)$/ }).click();
    await page.getByText('Every organisation typed at registration names an agency.').waitFor();
    await page.close();
  });

  it('an organiser holds places for an agency, is told why too many cannot be held, and sets the release date', async () => {
    const page = await noScripts.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/staff/sign-in`);
    await page.getByLabel('Email address').fill(organiser.email);
    await page.getByLabel('Password').fill(organiser.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My events' }).waitFor();
    await page.getByRole('link', { name: 'Agency places' }).first().click();
    await page.getByRole('heading', { name: 'Places per agency' }).waitFor();

    // More than the event's seats (100): refused beside the field, the choice kept.
    await page.getByLabel('Agency', { exact: true }).selectOption({ label: 'Leeds City Council' });
    await page.getByLabel('Places', { exact: true }).fill('500');
    await page.getByRole('button', { name: 'Save places' }).click();
    await page
      .getByRole('alert')
      .getByText(/more than the event/)
      .waitFor();
    expect(await page.getByLabel('Agency', { exact: true }).inputValue()).not.toBe('');
    expect(noScripts.problems.splice(0)).toEqual([expect.stringMatching(/: 409 for .*\/agency-places$/)]);

    await page.getByLabel('Places', { exact: true }).fill('12');
    await page.getByRole('button', { name: 'Save places' }).click();
    await page.getByText('The agency’s places are saved.').waitFor();
    await page.getByRole('rowheader', { name: 'Leeds City Council' }).waitFor();
    await page.getByLabel(/Release on/).fill('2031-05-01T09:00');
    await page.getByRole('button', { name: 'Save the release date' }).click();
    await page.getByText('The release date is saved.').waitFor();
    await noScripts.screenshot(page, 'agency-places-390');
    await page.close();
    const rows = await t.db.query<Array<{ places: number; reserved: boolean; release: Date }>>(
      `SELECT p.places, p.reserved, e.agency_places_release_at AS release
       FROM event_agency_places p JOIN events e ON e.id = p.event_id WHERE p.event_id = $1`,
      [eventId],
    );
    expect(rows).toEqual([{ places: 12, reserved: true, release: new Date('2031-05-01T08:00:00Z') }]);

    // axe needs scripts: the same page in the other browser, at both widths.
    const checked = await browser.newPage();
    await checked.goto(`${base}/staff/sign-in`);
    await checked.getByLabel('Email address').fill(organiser.email);
    await checked.getByLabel('Password').fill(organiser.password);
    await checked.getByRole('button', { name: 'Sign in' }).click();
    await checked.getByRole('heading', { name: 'My events' }).waitFor();
    await checked.goto(`${base}/staff/events/${eventId}/agency-places`);
    for (const width of [390, 1280]) {
      await checked.setViewportSize({ width, height: 844 });
      await checked.getByRole('rowheader', { name: 'Leeds City Council' }).waitFor();
      expect(await accessibilityViolations(checked)).toEqual([]);
      await browser.screenshot(checked, `agency-places-${width}`);
    }
    await checked.close();
  });

  it("an organiser names a second link officer from the agency's page", async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/staff/sign-in`);
    await page.getByLabel('Email address').fill(organiser.email);
    await page.getByLabel('Password').fill(organiser.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My events' }).waitFor();
    await page.goto(`${base}/staff/agencies`);
    await page.getByRole('link', { name: /: Leeds City Council$/ }).click();
    await page.getByRole('link', { name: 'Link officers of Leeds City Council' }).click();
    await page.getByText('lo@leeds.example').waitFor();
    await page.getByLabel('Their email address').fill('deputy@leeds.example');
    await page.getByRole('button', { name: 'Name them' }).click();
    await page.getByText('They are a link officer of the agency now').waitFor();
    await page.getByRole('button', { name: 'End deputy@leeds.example’s role' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await browser.screenshot(page, 'agency-link-officers-390');
    await page.close();
  });

  it('a delegate with scripts off chooses their agency from the list when registering', async () => {
    const page = await noScripts.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/events/${slug}/register`);
    await page.getByLabel('Full name').fill('Priya Shah');
    await page.getByLabel('Email address').fill('priya@leeds.example');
    await page.getByLabel('Your organisation').selectOption({ label: 'Leeds City Council (Yorkshire)' });
    await noScripts.screenshot(page, 'register-agency-390');
    await page.getByLabel(/I agree/).check();
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('heading', { name: /email/i }).first().waitFor();
    const rows = await t.db.query<Array<{ organisation: string; named: boolean }>>(
      `SELECT r.organisation, a.name = 'Leeds City Council' AS named
       FROM registrations r JOIN agencies a ON a.id = r.agency_id WHERE r.email = 'priya@leeds.example'`,
    );
    expect(rows).toEqual([{ organisation: 'Leeds City Council', named: true }]);
    await page.close();

    // axe needs scripts: the same page in the other browser.
    const checked = await browser.newPage();
    await checked.setViewportSize({ width: 390, height: 844 });
    await checked.goto(`${base}/events/${slug}/register`);
    await checked.getByLabel('Organisation, if it is not listed (optional)').waitFor();
    expect(await accessibilityViolations(checked)).toEqual([]);
    await checked.close();
  });
});
