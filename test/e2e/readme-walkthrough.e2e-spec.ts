import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/** The README's curl walk-through, exactly as written, between its markers. */
function walkthrough(): string {
  const readme = readFileSync('README.md', 'utf8');
  const block = /<!-- walkthrough:start -->\s*```bash\n([\s\S]*?)```\s*<!-- walkthrough:end -->/.exec(readme);
  if (!block?.[1]) throw new Error('README.md has no walk-through block');
  return block[1];
}

/** jq is the one tool the walk-through needs beyond curl; install it where we can. */
function haveJq(): boolean {
  if (spawnSync('jq', ['--version']).status === 0) return true;
  if (process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0) {
    spawnSync('bash', [
      '-c',
      'apt-get install -y jq >/dev/null 2>&1 || (apt-get update >/dev/null 2>&1 && apt-get install -y jq >/dev/null 2>&1)',
    ]);
  }
  return spawnSync('jq', ['--version']).status === 0;
}

describe('README walk-through', () => {
  let t: TestApp;
  let base: string;
  const jq = haveJq();
  // As on a developer's machine without SMTP_URL: every email is an .eml file in MAIL_DIR,
  // where the walk-through's delegate reads their personal link.
  const mailDir = mkdtempSync(join(tmpdir(), 'plenary-walkthrough-mail-'));

  beforeAll(async () => {
    t = await createTestApp({ smtpUrl: undefined, mailDir });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.close();
    rmSync(mailDir, { recursive: true, force: true });
  });

  (jq ? it : it.skip)('runs every curl line as written', async () => {
    // Asynchronously: the server answering the curls runs in this process.
    // --norc: Node's pipes are sockets, so bash would take itself for a remote shell and read
    // the machine's bashrc files first.
    const { stdout: output } = await promisify(execFile)('bash', ['--norc', '-euo', 'pipefail', '-c', walkthrough()], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        BASE: base,
        ADMIN_EMAIL: t.config.adminEmail,
        ADMIN_PASSWORD: t.config.adminPassword,
        MAIL_DIR: mailDir,
      },
      timeout: 60_000,
    });
    expect(output).toContain('"Opening keynote"');
    expect(output).toContain('We have emailed the link to j…@example.org; it says whether you have a place.');
    expect(output).toContain('"confirmed"');
    expect(output).toMatch(/^[A-Z0-9-]{6,}$/m); // the ballot receipt
    expect(output).toContain('Everyone belongs');
    expect(output).toContain('section,text,author,group,cluster,dots,hidden,createdAt');
    expect(output).toMatch(/Agenda page: http:\/\/127\.0\.0\.1:\d+\/events\/annual-meeting-\d+/);
  });

  if (!jq) {
    it('explains why the walk-through did not run', () => {
      console.warn('README walk-through SKIPPED: jq is not installed and could not be installed (apt-get install jq).');
      expect(jq).toBe(false);
    });
  }
});
