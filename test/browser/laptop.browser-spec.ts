import { newCanvasContext, type CanvasContext } from '../factories/canvas.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { type Browser, findChromium, freePort, launchBrowser } from './chromium.js';

/**
 * A facilitator's laptop in the room: `npm start` over plain HTTP, phones joining by the
 * laptop's name on the venue's network (not localhost, which browsers treat as secure).
 * Chromium resolves the name to this machine.
 */
const executablePath = findChromium();
const describeInBrowser = executablePath ? describe : describe.skip;
const HOST = 'plenary-laptop.test';

describeInBrowser('a laptop in the room, reached by its name over http', () => {
  let t: TestApp;
  let base: string;
  let ctx: CanvasContext;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://${HOST}:${port}`;
    t = await createTestApp({ processRole: 'api', appUrl: base });
    ctx = await newCanvasContext(t, { title: 'Room 3 canvas' });
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser(executablePath!, [`--host-resolver-rules=MAP ${HOST} 127.0.0.1`]);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  afterEach(() => {
    // A script or form upgraded to https fails to load: it shows up here.
    expect(browser.problems.splice(0)).toEqual([]);
  });

  it('sends no upgrade to https and no HSTS over http', async () => {
    const response = await t.http.get(`/canvases/${ctx.canvas.joinCode}`).expect(200);
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(response.headers['strict-transport-security']).toBeUndefined();
    expect(response.headers['cross-origin-opener-policy']).toBeUndefined();
  });

  it('opens the phone page and the wall, and a note posted on the phone reaches the wall', async () => {
    const wall = await browser.newPage();
    await wall.goto(`${base}/canvases/${ctx.canvas.joinCode}/wall`);
    const phone = await browser.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    const opened = await phone.goto(`${base}/canvases/${ctx.canvas.joinCode}`);
    expect(new URL(opened!.url()).protocol).toBe('http:');
    const text = `Posted from a phone on the venue Wi-Fi ${Date.now()}`;
    await phone.fill('#text', text);
    await phone.click('button[type="submit"]');
    await phone.locator('#status', { hasText: 'Posted' }).waitFor({ timeout: 10_000 });
    await wall.locator('.note', { hasText: text }).waitFor({ timeout: 10_000 });
    await browser.screenshot(phone, 'laptop-phone-posted');
    await browser.screenshot(wall, 'laptop-wall');
    const [row] = await t.db.query(`SELECT count(*)::int AS n FROM canvas_notes WHERE text = $1`, [text]);
    expect(row.n).toBe(1);
    await phone.close();
    await wall.close();
  });
});
