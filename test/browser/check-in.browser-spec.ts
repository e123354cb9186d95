import type { Page } from 'playwright-core';
import QRCode from 'qrcode';
import { insertEvent, insertMember, insertRegistration } from '../factories/db-fixtures.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { accessibilityViolations, type Browser, findChromium, freePort, launchBrowser } from './chromium.js';

/**
 * The registration desk on a phone, by accessible names: search and tap, undo, a QR code
 * read by the page's own decoder, the keyboard alone, and the same with scripts off.
 */
const executablePath = findChromium();
const describeInBrowser = executablePath ? describe : describe.skip;

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };

describeInBrowser('door check-in in a browser', () => {
  let t: TestApp;
  let base: string;
  let organiser: StaffUser;
  let door: string;
  let benCode: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({ processRole: 'api', appUrl: base, rateLimitDisabled: true });
    organiser = await newStaff(t, { name: 'Sam Organiser' });
    const event = await insertEvent(t.db, { title: 'Network Annual Meeting' });
    await insertMember(t.db, event.id, organiser.id, 'organiser');
    await insertRegistration(t.db, event.id, { name: 'Amara Okafor', organisation: 'Northfield Trust' });
    const ben = await insertRegistration(t.db, event.id, { name: 'Ben Ashby', organisation: 'Okaf Housing' });
    await insertRegistration(t.db, event.id, { name: 'Chidi Eze', organisation: 'Riverside Advice' });
    const [row] = await t.db.query<Array<{ code: string }>>(
      'SELECT check_in_code AS code FROM registrations WHERE id = $1',
      [ben.registration.id],
    );
    benCode = row.code;
    door = `${base}/staff/events/${event.id}/check-in`;
    await t.app.listen({ port, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await t?.close();
  });

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${base}/staff/sign-in`);
    await page.getByLabel('Email address').fill(organiser.email);
    await page.getByLabel('Password').fill(organiser.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My events' }).waitFor();
  }

  describe('with scripts', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser(executablePath!);
    });
    afterAll(async () => {
      await browser?.close();
    });
    afterEach(() => {
      expect(browser.problems.splice(0)).toEqual([]);
    });

    it('searches as one types, checks in with one tap and undoes it, on a phone', async () => {
      const page = await browser.newPage();
      await page.setViewportSize(PHONE);
      await signIn(page);
      await page.goto(door);
      await page.getByRole('heading', { name: 'Door check-in' }).waitFor();
      await page.getByText('0 of 3 checked in').waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);

      // Typing is enough: the list follows without pressing Search.
      await page.getByLabel('Name or organisation').pressSequentially('okaf');
      await page.getByRole('button', { name: 'Check in Ben Ashby' }).waitFor();
      await page.getByRole('button', { name: 'Check in Amara Okafor' }).click();
      await page
        .getByRole('status')
        .getByText(/Amara Okafor is checked in \(\d\d:\d\d\)\./)
        .waitFor();
      await page.getByText('1 of 3 checked in').waitFor();
      expect(new URL(page.url()).pathname).toBe(new URL(door).pathname);
      expect(await accessibilityViolations(page)).toEqual([]);
      await browser.screenshot(page, 'staff-check-in-390');

      await page.getByRole('button', { name: 'Undo the check-in of Amara Okafor' }).click();
      await page.getByText('Amara Okafor is not checked in.').waitFor();
      await page.getByText('0 of 3 checked in').waitFor();
      await page.close();
    });

    it("reads a QR code with the page's decoder and checks that delegate in", async () => {
      const page = await browser.newPage();
      await page.setViewportSize(PHONE);
      await signIn(page);
      await page.goto(door);
      await page.getByRole('button', { name: 'Scan a QR code' }).waitFor();
      const image = await QRCode.toDataURL(benCode, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
      // In the page: the image drawn on a canvas and its pixels given to the page's own decoder,
      // then the code used as the camera loop would use it.
      const read = await page.evaluate(`(async () => {
        const picture = new Image();
        picture.src = ${JSON.stringify(image)};
        await picture.decode();
        const canvas = document.createElement('canvas');
        canvas.width = picture.width;
        canvas.height = picture.height;
        const context = canvas.getContext('2d');
        context.drawImage(picture, 0, 0);
        const code = window.plenaryCheckIn.decode(context.getImageData(0, 0, canvas.width, canvas.height));
        if (code) await window.plenaryCheckIn.useCode(code);
        return code;
      })()`);
      expect(read).toBe(benCode);
      await page.getByText(/Ben Ashby is checked in/).waitFor();
      await page.getByText('1 of 3 checked in').waitFor();
      await page.getByRole('button', { name: 'Undo the check-in of Ben Ashby' }).click();
      await page.getByText('Ben Ashby is not checked in.').waitFor();
      await page.close();
    });

    it('checks in with the keyboard alone, at a laptop width', async () => {
      const page = await browser.newPage();
      await page.setViewportSize(LAPTOP);
      await signIn(page);
      await page.goto(door);
      await page.getByLabel('Name or organisation').focus();
      await page.keyboard.type('chidi');
      await page.getByRole('button', { name: 'Check in Chidi Eze' }).waitFor();
      // From the search box: its Search button, then the first delegate's Check in.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await page.locator(':focus').getAttribute('aria-label')).toBe('Check in Chidi Eze');
      await page.keyboard.press('Enter');
      await page.getByText(/Chidi Eze is checked in/).waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      await browser.screenshot(page, 'staff-check-in-1280');
      await page.getByRole('button', { name: 'Undo the check-in of Chidi Eze' }).click();
      await page.getByText('Chidi Eze is not checked in.').waitFor();
      await page.close();
    });
  });

  describe('with scripts off', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser(executablePath!, [], { javaScriptEnabled: false });
    });
    afterAll(async () => {
      await browser?.close();
    });
    afterEach(() => {
      expect(browser.problems.splice(0)).toEqual([]);
    });

    it('searches with the button, checks in and undoes with forms that post and come back', async () => {
      const page = await browser.newPage();
      await page.setViewportSize(PHONE);
      await signIn(page);
      await page.goto(door);
      // No camera without scripts: the scanner stays hidden, the code form works.
      expect(await page.getByRole('button', { name: 'Scan a QR code' }).count()).toBe(0);
      await page.getByLabel('Name or organisation').fill('northfield');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByRole('button', { name: 'Check in Amara Okafor' }).click();
      await page.getByText('Saved: checked in.').waitFor();
      await page.getByText(/Amara Okafor is checked in/).waitFor();
      await page.getByText('1 of 3 checked in').waitFor();
      // (axe runs as a script, so it checks this markup in the tests with scripts above.)
      await browser.screenshot(page, 'staff-check-in-390-no-js');
      await page.getByRole('button', { name: 'Undo the check-in of Amara Okafor' }).click();
      await page.getByText('Saved: the check-in is withdrawn.').waitFor();

      await page.getByLabel('Check-in code', { exact: true }).fill(benCode.toLowerCase());
      await page.getByRole('button', { name: 'Check in by code' }).click();
      await page.getByText(/Ben Ashby is checked in/).waitFor();
      await page.getByRole('button', { name: 'Undo the check-in of Ben Ashby' }).click();
      await page.getByText('Ben Ashby is not checked in.').waitFor();
      await page.close();
    });
  });
});
