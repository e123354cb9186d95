import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MOVEMENT_BUILDING } from '../../src/canvas/canvas-templates.js';
import { DEMO_ACCOUNTS, MEETING, WORKSHOP_EVENT } from '../../src/seed/demo-content.js';
import { DemoRepository } from '../../src/seed/demo.repository.js';
import { demoLoginLines, describeSeed, seedDemoIfEmpty, type SeedOutcome } from '../../src/app/seed-demo.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

interface AgendaDoc {
  event: { title: string; status: string; timezone: string };
  days: Array<{ date: string; sessions: Array<{ id: string; kind: string; title: string; capacity?: number | null }> }>;
}

const DAY = 24 * 3600 * 1000;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `npm run seed` without the build: src/app/seed-cli.ts run from source, as its own process. */
function seedCli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', './test/processes/register-ts.mjs', 'src/app/seed-cli.ts', ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', TZ: 'UTC', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, out: `${stdout}${stderr}` });
      },
    );
  });
}

/**
 * The demo that `npm start` seeds into an empty database: seeded through the same function
 * (its own application context, as at start-up) into this file's database, then read back.
 */
describe('demo data', () => {
  let t: TestApp;
  let outcome: SeedOutcome;
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    (await t.db.query<Array<{ n: number }>>(sql, params))[0]?.n ?? 0;

  beforeAll(async () => {
    // No worker in this process: nothing must send the demo's welcome emails.
    t = await createTestApp({ processRole: 'api' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts a database holding only one staff account as not empty', async () => {
    expect(await new DemoRepository(t.db).refusal(t.config.adminEmail)).toBeUndefined();
    await t.http
      .post('/api/users')
      .set('Authorization', `Bearer ${await t.adminToken()}`)
      .send({ email: 'someone@example.org', name: 'Someone', password: 'a-long-enough-password' })
      .expect(201);
    expect(await new DemoRepository(t.db).refusal(t.config.adminEmail)).toMatch(/not empty.*1 staff account/);
    await t.db.query(`DELETE FROM users WHERE email = 'someone@example.org'`);
  });

  it('seeds an empty database in a few seconds', async () => {
    outcome = await seedDemoIfEmpty(t.config);
    expect(outcome.seeded).toBe(true);
    if (!outcome.seeded) return;
    expect(outcome.summary.millis).toBeLessThan(30_000);
    // The log gets no password; the terminal gets the demo logins, in development only.
    const lines = describeSeed(outcome.summary, 'http://localhost:3000').join('\n');
    for (const password of [
      DEMO_ACCOUNTS.organiser.password,
      DEMO_ACCOUNTS.facilitator.password,
      t.config.adminPassword,
    ]) {
      expect(lines).not.toContain(password);
    }
    const terminal = demoLoginLines(t.config).join('\n');
    expect(terminal).toContain(`${DEMO_ACCOUNTS.organiser.email} / ${DEMO_ACCOUNTS.organiser.password}`);
    expect(terminal).toContain(`${DEMO_ACCOUNTS.facilitator.email} / ${DEMO_ACCOUNTS.facilitator.password}`);
    expect(demoLoginLines({ nodeEnv: 'production' })).toEqual([]);
  });

  it('publishes a two-day meeting about three weeks ahead, in Europe/London', async () => {
    const event = (await t.http.get(`/api/events/${MEETING.slug}`).expect(200)).body as {
      status: string;
      timezone: string;
      startsAt: string;
      endsAt: string;
      capacity: number;
    };
    expect(event).toMatchObject({ status: 'published', timezone: 'Europe/London', capacity: MEETING.capacity });
    const ahead = Date.parse(event.startsAt) - Date.now();
    expect(ahead).toBeGreaterThan(20 * DAY);
    expect(ahead).toBeLessThan(29 * DAY);
    const agenda = (await t.http.get(`/api/events/${MEETING.slug}/agenda`).expect(200)).body as AgendaDoc;
    expect(agenda.days).toHaveLength(2);
    const sessions = agenda.days.flatMap((d) => d.sessions);
    const kinds = (kind: string) => sessions.filter((s) => s.kind === kind);
    expect(kinds('keynote').length).toBeGreaterThanOrEqual(2);
    expect(kinds('panel').length).toBeGreaterThanOrEqual(1);
    expect(kinds('break').length).toBeGreaterThanOrEqual(4);
    expect(kinds('workshop')).toHaveLength(6);
    for (const workshop of kinds('workshop')) expect(workshop.capacity).toBeGreaterThan(0);
    expect(sessions.some((s) => /award/i.test(s.title))).toBe(true);
  });

  it('has a few hundred registrations with a waiting list, and workshop sign-ups', async () => {
    const meeting = outcome.seeded ? outcome.summary.meeting.id : '';
    const of = (status: string) =>
      count(`SELECT count(*)::int AS n FROM registrations WHERE event_id = $1 AND status = $2`, [meeting, status]);
    expect(await of('confirmed')).toBe(MEETING.capacity);
    expect(await of('waitlisted')).toBeGreaterThan(0);
    expect(await of('cancelled')).toBe(MEETING.cancellations);
    expect(await count(`SELECT count(*)::int AS n FROM registrations WHERE event_id = $1`, [meeting])).toBe(
      MEETING.registrations,
    );
    const signups = await t.db.query<Array<{ title: string; capacity: number; confirmed: number; waiting: number }>>(
      `SELECT s.title, s.capacity, count(*) FILTER (WHERE u.status = 'confirmed')::int AS confirmed,
              count(*) FILTER (WHERE u.status = 'waitlisted')::int AS waiting
         FROM sessions s JOIN session_signups u ON u.session_id = s.id
        WHERE s.event_id = $1 GROUP BY s.id`,
      [meeting],
    );
    expect(signups).toHaveLength(6);
    for (const row of signups) expect(row.confirmed).toBeLessThanOrEqual(row.capacity);
    expect(signups.some((row) => row.waiting > 0)).toBe(true);
    expect(
      await count(`SELECT count(*)::int AS n FROM reminder_rules WHERE event_id = $1`, [meeting]),
    ).toBeGreaterThanOrEqual(3);
    // Welcome emails are set aside rather than sent; the reminders wait for their time.
    expect(
      await count(
        `SELECT count(*)::int AS n FROM notifications WHERE kind LIKE 'registration-%' AND status <> 'cancelled'`,
      ),
    ).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'reminder' AND status = 'pending'`),
    ).toBeGreaterThan(0);
  });

  it('has three award categories with nominees, open to the public', async () => {
    const meeting = outcome.seeded ? outcome.summary.meeting.id : '';
    const awards = (await t.http.get(`/api/events/${meeting}/awards`).expect(200)).body as Array<{
      title: string;
      nominees: unknown[];
    }>;
    expect(awards).toHaveLength(3);
    expect(awards.map((a) => a.title)).toEqual(expect.arrayContaining([expect.stringMatching(/Link Officer/)]));
    for (const award of awards) expect(award.nominees.length).toBeGreaterThanOrEqual(2);
  });

  it('has the one-day workshop with a Movement Building Canvas of about forty notes', async () => {
    const event = (await t.http.get(`/api/events/${WORKSHOP_EVENT.slug}`).expect(200)).body as { status: string };
    expect(event.status).toBe('published');
    const joinCode = outcome.seeded ? outcome.summary.canvas.joinCode : '';
    const canvas = (await t.http.get(`/api/canvases/join/${joinCode}`).expect(200)).body as {
      status: string;
      sections: Array<{ key: string; notes: Array<{ text: string }> }>;
    };
    expect(canvas.status).toBe('open');
    expect(canvas.sections.map((s) => s.key)).toEqual(MOVEMENT_BUILDING.sections.map((s) => s.key));
    const notes = canvas.sections.flatMap((s) => s.notes);
    expect(notes.length).toBeGreaterThanOrEqual(35);
    expect(notes.length).toBeLessThanOrEqual(45);
    for (const section of canvas.sections) expect(section.notes.length).toBeGreaterThan(0);
  });

  it('gives the organiser and the facilitator working logins with their roles', async () => {
    const login = async (account: { email: string; password: string }) =>
      (
        (await t.http.post('/api/auth/login').send({ email: account.email, password: account.password }).expect(200))
          .body as { accessToken: string }
      ).accessToken;
    const organiser = await login(DEMO_ACCOUNTS.organiser);
    const facilitator = await login(DEMO_ACCOUNTS.facilitator);
    const summary = outcome.seeded ? outcome.summary : undefined;
    await t.http
      .get(`/api/events/${summary?.meeting.id}/registrations?status=waitlisted`)
      .set('Authorization', `Bearer ${organiser}`)
      .expect(200);
    await t.http.get(`/api/canvases/${summary?.canvas.id}`).set('Authorization', `Bearer ${facilitator}`).expect(200);
    await t.http
      .get(`/api/events/${summary?.meeting.id}/registrations`)
      .set('Authorization', `Bearer ${facilitator}`)
      .expect(403);
  });

  it('refuses to seed a database that is not empty, and changes nothing', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM registrations`);
    const again = await seedDemoIfEmpty(t.config);
    expect(again.seeded).toBe(false);
    if (!again.seeded) expect(again.reason).toMatch(/not empty \(2 event\(s\), 2 staff account\(s\)/);
    expect(await count(`SELECT count(*)::int AS n FROM registrations`)).toBe(before);
    expect(await count(`SELECT count(*)::int AS n FROM events`)).toBe(2);
  });

  it('npm run seed refuses a database with data; with --reset it deletes everything and seeds again', async () => {
    const env = {
      DATABASE_URL: t.config.databaseUrl,
      REDIS_URL: t.config.redisUrl,
      QUEUE_PREFIX: t.config.queuePrefix,
    };
    const refused = await seedCli([], env);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('the database is not empty');
    expect(refused.out).toContain('npm run seed -- --reset');

    const oldMeeting = outcome.seeded ? outcome.summary.meeting.id : '';
    const rebuilt = await seedCli(['--reset'], env);
    expect(rebuilt.out).toContain('Seeded the demo data');
    expect(rebuilt.code).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM events`)).toBe(2);
    expect(await count(`SELECT count(*)::int AS n FROM events WHERE id = $1`, [oldMeeting])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM registrations`)).toBe(
      MEETING.registrations + WORKSHOP_EVENT.registrations,
    );
    // The administrator comes back from the configuration; the demo staff are new rows.
    expect(await count(`SELECT count(*)::int AS n FROM users`)).toBe(3);
    await t.http
      .post('/api/auth/login')
      .send({ email: DEMO_ACCOUNTS.organiser.email, password: DEMO_ACCOUNTS.organiser.password })
      .expect(200);
    // Two runs of the command, each building the app first: minutes on a busy two-core machine.
  }, 240_000);
});
