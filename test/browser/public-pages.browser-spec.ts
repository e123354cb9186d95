import ical, { type VEvent } from 'node-ical';
import type { Page } from 'playwright-core';
import { MEETING, MEETING_SESSIONS } from '../../src/seed/demo-content.js';
import type { DemoSummary } from '../../src/seed/demo-seeder.js';
import { seedDemoIfEmpty } from '../../src/app/seed-demo.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { accessibilityViolations, type Browser, findChromium, freePort, launchBrowser } from './chromium.js';

/**
 * The public pages in a real browser (headless Chromium driven by playwright-core), against
 * the app listening on a real port with the demo data seeded: the agenda page and its
 * calendar link, and the canvas phone page and live wall.
 */
const executablePath = findChromium();
const describeInBrowser = executablePath ? describe : describe.skip;

describeInBrowser('public pages in a browser', () => {
  let t: TestApp;
  let base: string;
  let demo: DemoSummary;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // The pages link to the app's own URL, so it must be the one the browser uses.
    t = await createTestApp({ processRole: 'api', appUrl: base });
    const outcome = await seedDemoIfEmpty(t.config);
    if (!outcome.seeded) throw new Error(`the demo was not seeded: ${outcome.reason}`);
    demo = outcome.summary;
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser(executablePath!);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  afterEach(() => {
    // Every page error or console error (a CSP refusal, a script bug) fails the test that caused it.
    const problems = browser.problems.splice(0);
    expect(problems).toEqual([]);
  });

  it('finds no WCAG 2.2 AA violations with axe-core on any page, on a phone and on a laptop', async () => {
    const code = demo.canvas.joinCode;
    const pages = [
      `/events/${MEETING.slug}`,
      `/canvases/${code}`,
      `/canvases/${code}/wall`,
      '/privacy',
      '/events/no-such-event',
      '/r/not-a-personal-link-token',
    ];
    const violations: string[] = [];
    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1280, height: 800 },
    ]) {
      const page = await browser.newPage();
      await page.setViewportSize(viewport);
      for (const path of pages) {
        await page.goto(`${base}${path}`);
        await page.waitForLoadState('networkidle');
        violations.push(...(await accessibilityViolations(page)));
        await browser.screenshot(page, `axe-${viewport.width}${path.replace(/[^a-z0-9]+/gi, '-')}`);
      }
      await page.close();
    }
    // Control: the same check on a page given an image without a text alternative reports it.
    const control = await browser.newPage();
    await control.goto(`${base}/privacy`);
    await control.evaluate("document.querySelector('main').append(document.createElement('img'))");
    await expect(accessibilityViolations(control)).resolves.toEqual([expect.stringContaining('image-alt')]);
    await control.close();
    // The not-found pages answer 404 on purpose; the harness would count those as problems.
    browser.problems.splice(0, browser.problems.length, ...browser.problems.filter((p) => !/: 404 for /.test(p)));
    expect(violations).toEqual([]);
  });

  it('shows the seeded agenda, and its calendar link serves the sessions as iCalendar', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${base}/events/${MEETING.slug}`);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe(MEETING.title);
    const titles = await page.locator('li.session .title').allTextContents();
    for (const session of MEETING_SESSIONS) expect(titles).toContain(session.title);
    await expect(page.locator('section[aria-labelledby^="day-"]').count()).resolves.toBe(2);
    await expect(page.getByText('Times are in Europe/London.').isVisible()).resolves.toBe(true);
    // Each time range sits on one line, within its column.
    const wrapped = await page.evaluate(
      `[...document.querySelectorAll('li.session .time:has(time)')].filter((t) => {
        const [from, to] = t.querySelectorAll('time');
        return from.getBoundingClientRect().top !== to.getBoundingClientRect().top || t.scrollWidth > t.clientWidth;
      }).length`,
    );
    expect(wrapped).toBe(0);
    await browser.screenshot(page, 'agenda');

    const link = page.locator('a[href$=".ics"]');
    await expect(link.count()).resolves.toBe(1);
    const href = (await link.getAttribute('href'))!;
    expect(href.startsWith(base)).toBe(true);
    // Fetched by the page itself, as a click would: same origin, under the page's CSP.
    const calendar = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    }, href);
    expect(calendar.status).toBe(200);
    expect(calendar.type).toMatch(/^text\/calendar/);
    expect(calendar.text.startsWith('BEGIN:VCALENDAR')).toBe(true);
    const events = Object.values(ical.sync.parseICS(calendar.text)).filter((c): c is VEvent => c?.type === 'VEVENT');
    expect(events).toHaveLength(MEETING_SESSIONS.length);
    const keynote = MEETING_SESSIONS.find((s) => s.kind === 'keynote')!;
    const summaries = events.map((e) => (typeof e.summary === 'string' ? e.summary : e.summary.val));
    expect(summaries.some((s) => s.includes(keynote.title))).toBe(true);
    await page.close();
  });

  it('puts a note posted on the phone page on the wall open in another tab, without a reload', async () => {
    const code = demo.canvas.joinCode;
    const wall = await browser.newPage();
    await wall.goto(`${base}/canvases/${code}/wall`);
    await wall.locator('[data-section="actions"] .note').first().waitFor();
    const before = await wall.locator('.note').count();
    expect(before).toBe(demo.canvas.notes);
    // Every section fits on the room's screen: none is hidden off to the side.
    const offScreen = await wall.evaluate(
      `[...document.querySelectorAll('#wall .column')].filter((c) => c.getBoundingClientRect().right > innerWidth).length`,
    );
    expect(offScreen).toBe(0);
    // A page that reloads loses this.
    await wall.evaluate(() => ((globalThis as unknown as { plenaryMarker: number }).plenaryMarker = 42));
    await browser.screenshot(wall, 'wall-before');

    const phone = await browser.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${base}/canvases/${code}`);
    const text = `Run a stall at the summer fair ${Date.now()}`;
    await post(phone, 'actions', text, 'Table 6');
    await browser.screenshot(phone, 'phone-posted');

    const note = wall.locator('[data-section="actions"] .note', { hasText: text });
    await note.waitFor({ timeout: 10_000 });
    await expect(note.textContent()).resolves.toContain('Table 6');
    await expect(wall.locator('.note').count()).resolves.toBe(before + 1);
    await expect(
      wall.evaluate(() => (globalThis as unknown as { plenaryMarker?: number }).plenaryMarker),
    ).resolves.toBe(42);
    await browser.screenshot(wall, 'wall-live');
    await phone.close();
    await wall.close();
  });

  it('follows the canvas again when its live stream was refused once, without a reload', async () => {
    const code = demo.canvas.joinCode;
    const wall = await browser.newPage();
    // The first connection is refused (as a stream limit or a proxy mid-restart would): an
    // EventSource gives up for good on that, so the page itself must open a new one.
    let refused = 0;
    await wall.route('**/api/canvases/*/stream?*', async (route) => {
      if (refused > 0) return route.fallback();
      refused += 1;
      await route.fulfill({ status: 503, contentType: 'application/json', body: '{"statusCode":503}' });
    });
    await wall.goto(`${base}/canvases/${code}/wall`);
    await wall.locator('.note').first().waitFor();
    for (let tries = 0; refused === 0 && tries < 100; tries += 1) await wall.waitForTimeout(50);
    expect(refused).toBe(1);
    await wall.evaluate(() => ((globalThis as unknown as { plenaryMarker: number }).plenaryMarker = 7));

    const phone = await browser.newPage();
    await phone.goto(`${base}/canvases/${code}`);
    const text = `Ask the allotment society ${Date.now()}`;
    await post(phone, 'allies', text);
    await wall.locator('.note', { hasText: text }).waitFor({ timeout: 20_000 });
    await expect(
      wall.evaluate(() => (globalThis as unknown as { plenaryMarker?: number }).plenaryMarker),
    ).resolves.toBe(7);
    const refusal = browser.problems.findIndex((p) => p.includes('503'));
    expect(refusal).toBeGreaterThanOrEqual(0);
    browser.problems.splice(refusal, 1);
    await phone.close();
    await wall.close();
  });

  it('shows a note holding a <script> tag as text, live and after a reload, and runs nothing', async () => {
    const code = demo.canvas.joinCode;
    const dialogs: string[] = [];
    const wall = await browser.newPage();
    const phone = await browser.newPage();
    for (const page of [wall, phone]) {
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
    }
    await wall.goto(`${base}/canvases/${code}/wall`);
    await phone.goto(`${base}/canvases/${code}`);
    const text = '<script>alert(1)</script> <img src=x onerror=alert(2)> & “quotes”';
    await post(phone, 'narrative', text);

    const live = wall.locator('[data-section="narrative"] .note', { hasText: '<script>alert(1)</script>' });
    await live.waitFor({ timeout: 10_000 });
    await expect(live.innerText()).resolves.toContain(text);
    await expect(live.isVisible()).resolves.toBe(true);
    await browser.screenshot(wall, 'wall-script-note');
    // Server-rendered this time (the template's escaping, not the script's textContent).
    await wall.reload();
    const rendered = wall.locator('[data-section="narrative"] .note', { hasText: '<script>alert(1)</script>' });
    await rendered.waitFor();
    await expect(rendered.innerText()).resolves.toContain(text);
    await phone.reload();
    await phone.locator('.note', { hasText: '<script>alert(1)</script>' }).waitFor();
    for (const page of [wall, phone]) {
      await expect(page.locator('.note script, .note img').count()).resolves.toBe(0);
    }
    await phone.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await phone.close();
    await wall.close();
  });
});

async function post(phone: Page, section: string, text: string, group?: string): Promise<void> {
  await phone.selectOption('#section', section);
  await phone.fill('#text', text);
  if (group) await phone.fill('#group', group);
  await phone.click('button[type="submit"]');
  await phone.locator('#status', { hasText: 'Posted' }).waitFor({ timeout: 10_000 });
  await expect(phone.locator('#text').inputValue()).resolves.toBe('');
}
