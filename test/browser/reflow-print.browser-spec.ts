import type { Page } from 'playwright-core';
import { MEETING, MEETING_SESSIONS } from '../../src/seed/demo-content.js';
import { seedDemoIfEmpty } from '../../src/app/seed-demo.js';
import type { DemoSummary } from '../../src/seed/demo-seeder.js';
import { insertRegistration } from '../factories/db-fixtures.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { type Browser, findChromium, freePort, launchBrowser } from './chromium.js';

/**
 * The delegate pages where people read them: on the narrowest phone (320 CSS pixels, which is
 * also what a 1280-pixel laptop shows at 400% zoom), at 200% zoom on a laptop (640 CSS pixels),
 * and on paper. WCAG 1.4.10 asks that nothing needs scrolling sideways at 320 pixels; the
 * agenda and a delegate's own sessions are the pages people print.
 */
const executablePath = findChromium();
const describeInBrowser = executablePath ? describe : describe.skip;

/** How far the page reaches past the viewport's right edge, in CSS pixels (0: no sideways scrolling). */
const overflow = (page: Page): Promise<number> =>
  page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

/** Elements wider than the viewport, named for the failure message (a string: it runs in the page). */
const tooWide = (page: Page): Promise<string[]> =>
  page.evaluate<string[]>(`(() => {
    const limit = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > limit + 1)
      .slice(0, 5)
      .map((element) => element.tagName.toLowerCase() + '.' + element.className + ' (' + (element.textContent || '').trim().slice(0, 40) + ')');
  })()`);

describeInBrowser('delegate pages at 320 px, at 200% zoom and in print', () => {
  let t: TestApp;
  let base: string;
  let demo: DemoSummary;
  let browser: Browser;
  let personal: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // No worker: the demo's welcome emails are set aside, not sent.
    t = await createTestApp({ processRole: 'api', appUrl: base });
    const outcome = await seedDemoIfEmpty(t.config);
    if (!outcome.seeded) throw new Error(`the demo was not seeded: ${outcome.reason}`);
    demo = outcome.summary;
    const [event] = await t.db.query<Array<{ id: string }>>(`SELECT id FROM events WHERE slug = $1`, [MEETING.slug]);
    const delegate = await insertRegistration(t.db, event.id, {
      name: 'Ngozi Adebayo-Whitfield',
      organisation: 'North Yorkshire Council',
    });
    personal = `/r/${delegate.token}`;
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser(executablePath!);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  afterEach(() => {
    expect(browser.problems.splice(0)).toEqual([]);
  });

  const pages = () => [
    { name: 'agenda', path: `/events/${MEETING.slug}` },
    { name: 'register', path: `/events/${MEETING.slug}/register` },
    { name: 'lost-link', path: `/events/${MEETING.slug}/link` },
    { name: 'personal', path: personal },
    { name: 'details', path: `${personal}/details` },
    { name: 'canvas', path: `/canvases/${demo.canvas.joinCode}` },
    { name: 'privacy', path: '/privacy' },
  ];

  it.each([
    { label: '320 px', viewport: { width: 320, height: 640 } },
    { label: '200% zoom', viewport: { width: 640, height: 400 } },
  ])('needs no sideways scrolling at $label', async ({ label, viewport }) => {
    const page = await browser.newPage();
    await page.setViewportSize(viewport);
    const wide: Record<string, string[]> = {};
    for (const { name, path } of pages()) {
      await page.goto(`${base}${path}`);
      await page.waitForLoadState('networkidle');
      expect(await page.getByRole('main').count()).toBe(1);
      if ((await overflow(page)) > 0) wide[name] = await tooWide(page);
      await page.screenshot({
        path: `test-artifacts/browser/reflow-${name}-${label.replace(/\W+/g, '')}.png`,
        fullPage: true,
      });
    }
    await page.close();
    expect(wide).toEqual({});
  }, 120_000);

  it('prints the agenda as the sessions alone: no forms, buttons or navigation on paper', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/events/${MEETING.slug}`);
    await page.emulateMedia({ media: 'print' });
    const firstSession = MEETING_SESSIONS[0].title;
    await expect(page.getByText(firstSession, { exact: false }).first().isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: /register/i }).first().isVisible()).resolves.toBe(false);
    await expect(page.getByRole('link', { name: /skip to main content/i }).isVisible()).resolves.toBe(false);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    const pdf = await page.pdf({ path: 'test-artifacts/browser/print-agenda.pdf', format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.close();
  });

  it('prints a delegate’s page as their place and sessions, without the forms that change them', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}${personal}`);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('heading', { level: 1 }).isVisible()).resolves.toBe(true);
    const buttons = page.getByRole('button');
    for (let i = 0; i < (await buttons.count()); i++) {
      await expect(buttons.nth(i).isVisible()).resolves.toBe(false);
    }
    const pdf = await page.pdf({ path: 'test-artifacts/browser/print-personal.pdf', format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.close();
  });
});
