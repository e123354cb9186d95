import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Where the browser tests leave their screenshots (gitignored). */
export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'browser');

/**
 * The Chromium to drive: scripts/browser.sh finds it or, as root with apt-get, installs
 * Debian's package. Undefined (with the reason printed loudly) when there is none, and the
 * browser tests then skip instead of failing the run.
 */
export function findChromium(): string | undefined {
  try {
    const path = execFileSync('bash', ['scripts/browser.sh'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();
    return path || undefined;
  } catch {
    const banner = '!'.repeat(78);
    console.warn(
      `\n${banner}\n` +
        'BROWSER TESTS SKIPPED: no Chromium was found and scripts/browser.sh could not install one\n' +
        '(it installs only as root on a machine with apt-get; its reason is printed above).\n' +
        'To run them, install Chromium:   sudo apt-get install -y chromium\n' +
        'or set CHROMIUM_PATH to a Chromium or Chrome binary, then run: npm run test:browser\n' +
        `${banner}\n`,
    );
    return undefined;
  }
}

export interface Browser {
  context: BrowserContext;
  /** Uncaught page errors and console errors (a CSP violation shows up here), per page. */
  problems: string[];
  newPage(): Promise<Page>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh profile; its pages are tabs of one window. `args` are added to
 * its own; `javaScriptEnabled: false` browses as a person with scripts off.
 */
export async function launchBrowser(
  executablePath: string,
  args: string[] = [],
  options: { javaScriptEnabled?: boolean } = {},
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'plenary-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...args,
    ],
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  const problems: string[] = [];
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    context,
    problems,
    async newPage() {
      const page = await context.newPage();
      page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
      page.on('console', (message) => {
        // A failed resource is reported below with its address.
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
          problems.push(`${page.url()}: console: ${message.text()}`);
        }
      });
      page.on('response', (response) => {
        // Browsers ask for /favicon.ico on their own; the app has none.
        if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') {
          problems.push(`${page.url()}: ${response.status()} for ${response.url()}`);
        }
      });
      return page;
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A port free right now, so the app can be told its own URL before it listens. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's WCAG 2.2 A and AA findings for the page as it stands, one line each (rule, impact,
 * the first elements it found). axe is evaluated through the DevTools protocol rather than added
 * as a script tag, so the page's CSP (which refuses inline scripts) stays as it is.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(options: object): Promise<{ violations: AxeViolation[] }> } })
      .axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations.map((v) => `${page.url()}: ${v.id} (${v.impact}) at ${v.targets.slice(0, 3).join(', ')}`);
}

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: Array<{ target: string[] }>;
}
