import { execFile } from 'node:child_process';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openVoting } from '../factories/awards.factory.js';
import { tokenFromMail } from '../factories/registrations.factory.js';
import { newStaff } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/**
 * What a client author does with the OpenAPI document: lint it with Redocly, generate types with
 * openapi-typescript, write a program against them (test/openapi-client/program.ts) that must
 * type-check under strict settings, and run it against the app as its own process.
 */

const run = promisify(execFile);
const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const WORK = root('test-artifacts/openapi-client');
const node = (args: string[]) =>
  run(process.execPath, args, {
    cwd: WORK,
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });

describe('a client generated from the OpenAPI document', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await rm(WORK, { recursive: true, force: true });
    await mkdir(WORK, { recursive: true });
    const spec = (await t.http.get('/docs-json').expect(200)).body as object;
    await writeFile(`${WORK}/openapi.json`, JSON.stringify(spec, null, 2));
  }, 60_000);

  afterAll(async () => {
    await t.close();
  });

  it('passes redocly lint with no errors', async () => {
    const cli = root('node_modules/@redocly/cli/bin/cli.js');
    const { stdout } = await node([cli, 'lint', 'openapi.json', '--format=json']).catch(
      (error: { stdout?: string; stderr?: string }) => {
        throw new Error(`redocly lint failed:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
      },
    );
    const report = JSON.parse(stdout) as {
      totals: { errors: number };
      problems: Array<{ severity: string; message: string }>;
    };
    expect(report.problems.filter((p) => p.severity === 'error').map((p) => p.message)).toEqual([]);
    expect(report.totals.errors).toBe(0);
  }, 120_000);

  it('generates types that a strict program type-checks against, and that program works', async () => {
    await node([root('node_modules/openapi-typescript/bin/cli.js'), 'openapi.json', '--output', 'schema.d.ts']);
    await copyFile(root('test/openapi-client/program.ts'), `${WORK}/program.ts`);
    await writeFile(`${WORK}/package.json`, JSON.stringify({ type: 'module' }));
    await writeFile(
      `${WORK}/tsconfig.json`,
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noUncheckedIndexedAccess: true,
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          types: ['node'],
          typeRoots: [root('node_modules/@types')],
          skipLibCheck: true,
          noEmitOnError: true,
          outDir: '.',
        },
        files: ['program.ts'],
      }),
    );
    await node([root('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']).catch((error: { stdout?: string }) => {
      throw new Error(`The program does not type-check against the generated client:\n${error.stdout ?? ''}`);
    });

    const organiser = await newStaff(t);
    const delegateEmail = `generated-client-${Date.now()}@example.org`;
    const first = JSON.parse(
      (await node(['program.js', 'organiser', base, organiser.email, organiser.password, delegateEmail])).stdout,
    ) as { eventId: string; awardId: string; nomineeId: string; accepted: string; errorStatus: number };
    expect(first).toMatchObject({ eventId: expect.any(String), accepted: expect.any(String), errorStatus: 404 });

    const token = await tokenFromMail(t, delegateEmail);
    await openVoting(t.db, first.awardId);
    const second = JSON.parse(
      (await node(['program.js', 'vote', base, token, first.awardId, first.nomineeId])).stdout,
    ) as {
      receipt: string;
    };
    expect(second.receipt).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4})+$/);
  }, 180_000);
});
