import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { insertEvent, insertMember } from '../factories/db-fixtures.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { accessibilityViolations, type Browser, findChromium, freePort, launchBrowser } from './chromium.js';

/**
 * A workshop run from the facilitator's wall, with a phone and the room's wall in other
 * browsers: every change the facilitator makes shows on the others live.
 */
const executablePath = findChromium();
const describeInBrowser = executablePath ? describe : describe.skip;

const PHONE = { width: 390, height: 844 };

describeInBrowser('facilitating a canvas from the wall', () => {
  let t: TestApp;
  let base: string;
  let facilitator: StaffUser;
  let eventId: string;
  let staffBrowser: Browser;
  let phoneBrowser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({ processRole: 'api', appUrl: base, rateLimitDisabled: true });
    facilitator = await newStaff(t, { name: 'Fran Facilitator' });
    const event = await insertEvent(t.db, { title: 'Building a movement' });
    eventId = event.id;
    await insertMember(t.db, event.id, facilitator.id, 'facilitator');
    await t.app.listen({ port, host: '127.0.0.1' });
    staffBrowser = await launchBrowser(executablePath!);
    phoneBrowser = await launchBrowser(executablePath!);
  });

  afterAll(async () => {
    await staffBrowser?.close();
    await phoneBrowser?.close();
    await t?.close();
  });

  afterEach(() => {
    expect(staffBrowser.problems.splice(0)).toEqual([]);
    expect(phoneBrowser.problems.splice(0)).toEqual([]);
  });

  /** Opens a note's moderation menu (it stays open across the board's live updates). */
  const openMenu = async (note: Locator) => {
    const menu = note.locator('details.note-actions');
    if (!(await menu.evaluate((node) => (node as unknown as { open: boolean }).open)))
      await menu.locator('summary').click();
  };
  const section = (page: Page, title: string) =>
    page.locator('section.column', { has: page.getByRole('heading', { name: title }) });

  it('creates, reveals, moves by drag and by keyboard, merges, clusters, times and closes — live on the phone and a second wall', async () => {
    const wall = await staffBrowser.newPage();
    await wall.goto(`${base}/staff/sign-in`);
    await wall.getByLabel('Email address').fill(facilitator.email);
    await wall.getByLabel('Password').fill(facilitator.password);
    await wall.getByRole('button', { name: 'Sign in' }).click();
    await wall.getByRole('heading', { name: 'My events' }).waitFor();
    await wall.getByRole('link', { name: 'Canvases' }).click();

    await wall.getByRole('heading', { name: 'Canvases' }).waitFor();
    await wall.getByText('Preview its 9 sections').click();
    await wall.getByText('What do we believe in together?').waitFor();
    expect(await accessibilityViolations(wall)).toEqual([]);
    await staffBrowser.screenshot(wall, 'canvas-console-1280');
    await wall.getByLabel('Title').fill('Building our movement');
    await wall.getByRole('button', { name: 'Create canvas' }).click();
    await wall.getByRole('heading', { name: 'Building our movement' }).waitFor();
    const code = (await wall.locator('.meta .code').first().textContent())!.trim();

    await wall.getByRole('button', { name: 'Write privately, then reveal' }).click();
    await wall.getByRole('button', { name: 'Reveal “Shared values” on the screens' }).waitFor();

    const room = await staffBrowser.newPage();
    await room.goto(`${base}/canvases/${code}/wall`);
    const phone = await phoneBrowser.newPage();
    await phone.setViewportSize(PHONE);
    await phone.goto(`${base}/canvases/${code}`);

    await phone.getByLabel('Section').selectOption({ label: 'Shared values' });
    await phone.getByLabel('Your note').fill('Solidarity');
    await phone.getByRole('button', { name: 'Post note' }).click();
    await phone.getByText('Posted. Thank you!').waitFor();
    await phone.getByLabel('Your note').fill('Solidarity forever');
    await phone.getByRole('button', { name: 'Post note' }).click();
    await wall.getByRole('article', { name: 'Solidarity forever', exact: true }).waitFor();
    // Private until revealed: not on the room's wall yet.
    await room.waitForTimeout(300);
    expect(await room.locator('.note').count()).toBe(0);

    await wall.getByRole('button', { name: 'Reveal “Shared values” on the screens' }).click();
    await room.locator('.note', { hasText: 'Solidarity forever' }).waitFor();
    await phone.locator('#notes .note', { hasText: 'Solidarity forever' }).waitFor();

    // Move by drag and drop.
    const forever = wall.getByRole('article', { name: 'Solidarity forever', exact: true });
    // Both notes in view first: a tall column scrolled mid-drag would pick up whichever note is
    // under the pointer then.
    await wall.setViewportSize({ width: 1280, height: 1600 });
    await forever.dragTo(section(wall, 'Purpose and vision'));
    await section(wall, 'Purpose and vision')
      .getByRole('article', { name: 'Solidarity forever', exact: true })
      .waitFor();
    // That section is still private: the note leaves the room's wall until it is revealed.
    await room.locator('.note', { hasText: 'Solidarity forever' }).waitFor({ state: 'detached' });
    await wall.getByRole('button', { name: 'Reveal “Purpose and vision” on the screens' }).click();
    await section(room, 'Purpose and vision').locator('.note', { hasText: 'Solidarity forever' }).waitFor();

    // Move back by keyboard: the note's menu, its "Move to" list, Enter.
    const moved = section(wall, 'Purpose and vision').getByRole('article', { name: 'Solidarity forever', exact: true });
    await moved.locator('summary', { hasText: 'Moderate' }).focus();
    await wall.keyboard.press('Enter');
    await moved.getByLabel('Move to').focus();
    await moved.getByLabel('Move to').selectOption({ label: 'Shared values' });
    await moved.getByRole('button', { name: 'Move' }).focus();
    await wall.keyboard.press('Enter');
    await section(room, 'Shared values').locator('.note', { hasText: 'Solidarity forever' }).waitFor();
    await phone.locator('#notes [data-section="values"] .note', { hasText: 'Solidarity forever' }).waitFor();

    // Merge the duplicate into the first note: the wall shows its original, the screens one note.
    const dup = section(wall, 'Shared values').getByRole('article', { name: 'Solidarity forever', exact: true });
    await openMenu(dup);
    await dup.getByLabel('Merge into').selectOption({ label: 'Solidarity' });
    await dup.getByRole('button', { name: 'Merge' }).click();
    await wall.getByText('Merged from 1 note').waitFor();
    await room.locator('.note', { hasText: 'Solidarity forever' }).waitFor({ state: 'detached' });
    expect(await room.locator('.note').count()).toBe(1);

    // Cluster it: the room's wall shows the label.
    const kept = wall.getByRole('article', { name: 'Solidarity', exact: true });
    await openMenu(kept);
    await kept.getByLabel('Cluster').fill('Core');
    await kept.getByRole('button', { name: 'Set cluster' }).click();
    await room.locator('.cluster', { hasText: 'Core' }).waitFor();
    // The rename makes the phone read the canvas again; that read is held back until after the
    // timer below has reached the phone, as a slow venue network can, and must not undo it.
    let releaseHeldRead!: () => void;
    const heldReadReleased = new Promise<void>((resolve) => (releaseHeldRead = resolve));
    const heldReads: Array<Promise<void>> = [];
    await phone.route('**/api/canvas-join/*', async (route) => {
      const delivered = route.fetch().then(async (answer) => {
        await heldReadReleased;
        await route.fulfill({ response: answer });
      });
      heldReads.push(delivered);
      await delivered;
    });
    // The wall's own read after the rename is held back too, until the facilitator has typed the
    // timer below: its answer must not wipe what they typed meanwhile.
    await wall.getByLabel('New label').waitFor();
    let releaseWallRead!: () => void;
    const wallReadReleased = new Promise<void>((resolve) => (releaseWallRead = resolve));
    const wallReads: Array<Promise<void>> = [];
    await wall.route(wall.url(), async (route) => {
      if (route.request().resourceType() !== 'fetch') return route.continue();
      const delivered = route.fetch().then(async (answer) => {
        await wallReadReleased;
        await route.fulfill({ response: answer });
      });
      wallReads.push(delivered);
      await delivered;
    });
    await wall.getByLabel('New label').fill('Core values');
    await wall.getByRole('button', { name: 'Rename' }).click();
    await room.locator('.cluster', { hasText: 'Core values' }).waitFor();

    // The timer shows on every screen, counting down from 5:00 (a loaded machine may take
    // more than ten seconds to get there, so any minute of the five will do); the phone's older
    // read, answering after it, leaves it there.
    const FIVE_MINUTES_RUNNING = /Write: (5:00|4:[0-5]\d) left/;
    await wall.getByLabel('Timer (minutes, 0 stops it)').fill('5');
    await wall.getByLabel('Step').fill('Write');
    expect(wallReads.length).toBeGreaterThan(0);
    releaseWallRead();
    await Promise.all(wallReads);
    await wall.unrouteAll();
    await wall.waitForTimeout(300);
    expect(await wall.getByLabel('Timer (minutes, 0 stops it)').inputValue()).toBe('5');
    expect(await wall.getByLabel('Step').inputValue()).toBe('Write');
    await wall.getByRole('button', { name: 'Set timer' }).click();
    // A loaded machine's phone has been seen to take long here; a minute, not the default half.
    await phone.getByRole('timer').filter({ hasText: FIVE_MINUTES_RUNNING }).waitFor({ timeout: 60_000 });
    expect(heldReads.length).toBeGreaterThan(0);
    releaseHeldRead();
    await Promise.all(heldReads);
    await phone.unrouteAll();
    await phone.waitForTimeout(500);
    expect(await phone.getByRole('timer').filter({ hasText: FIVE_MINUTES_RUNNING }).isVisible()).toBe(true);
    await phone.locator('#notes .note', { hasText: 'Solidarity' }).waitFor();
    await room.getByRole('timer').filter({ hasText: FIVE_MINUTES_RUNNING }).waitFor();
    await wall.getByRole('timer').filter({ hasText: FIVE_MINUTES_RUNNING }).waitFor();

    expect(await accessibilityViolations(wall)).toEqual([]);
    await staffBrowser.screenshot(wall, 'canvas-facilitator-wall-1280');
    await phoneBrowser.screenshot(phone, 'canvas-phone-live-390');

    // Exports download and parse.
    const download = async (name: string) => {
      const [file] = await Promise.all([wall.waitForEvent('download'), wall.getByRole('link', { name }).click()]);
      return readFileSync(await file.path());
    };
    expect((await download('Download CSV')).toString('utf8')).toContain('Solidarity');
    expect(JSON.stringify(JSON.parse((await download('Download JSON')).toString('utf8')))).toContain('Core values');
    expect((await download('Download Markdown')).toString('utf8')).toContain('Solidarity');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download('Download XLSX')) as never);
    expect(workbook.worksheets.map((s) => s.name)).toContain('Shared values');

    // Close posting: the phone says so at once and its form stops.
    await wall.getByRole('button', { name: 'Close posting' }).click();
    await phone.getByText('This canvas is closed: the facilitator has stopped taking notes.').waitFor();
    expect(await phone.getByRole('button', { name: 'Post note' }).isDisabled()).toBe(true);
    await phone.reload();
    await phone.getByText('This canvas is closed: the facilitator has stopped taking notes.').waitFor();
    // A closed canvas is gone to anyone holding only its code, so its page answers 404.
    const closedAnswer = phoneBrowser.problems.findIndex((p) => p.endsWith(`404 for ${base}/canvases/${code}`));
    expect(closedAnswer).toBeGreaterThanOrEqual(0);
    phoneBrowser.problems.splice(closedAnswer, 1);
    await phoneBrowser.screenshot(phone, 'canvas-phone-closed-390');
    await wall.getByRole('button', { name: 'Reopen posting' }).waitFor();
  }, 180_000);

  it('presents the canvas to the room: join code, a QR code to scan, large type; the write-up prints', async () => {
    const page = await staffBrowser.newPage();
    await page.goto(`${base}/staff/events/${eventId}/canvases`);
    await page.getByRole('link', { name: 'Presenter view of “Building our movement”' }).click();
    await page.locator('.qr svg').waitFor();
    const box = (await page.locator('.qr svg').boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(250);
    expect(await accessibilityViolations(page)).toEqual([]);
    await staffBrowser.screenshot(page, 'canvas-presenter-1280');

    await page.goto(`${base}/staff/events/${eventId}/canvases`);
    await page.getByRole('link', { name: 'Open the wall of “Building our movement”' }).click();
    await page.getByRole('link', { name: 'Printable write-up' }).click();
    await page.getByRole('heading', { name: 'Core values' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('link', { name: 'Back to the wall' }).isVisible()).toBe(false);
    await staffBrowser.screenshot(page, 'canvas-write-up-print');
  });
});
