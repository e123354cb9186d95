import { spawn } from 'node:child_process';
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { bootstrap } from '../../src/app/bootstrap.js';
import { ConfigValidationError } from '../../src/platform/config/app-config.js';
import { newAward, newAwardsEvent } from '../factories/awards.factory.js';
import { register, tokenFromMail } from '../factories/registrations.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const SHIPPED_SECRET = 'plenary-local-development-secret-change-me';
const OLD_COMPOSE_SECRET = 'change-me-to-a-long-random-secret-of-32+chars';
const SHIPPED_ADMIN_PASSWORD = 'plenary-admin-password';
const TOKEN = /\/r\/([A-Za-z0-9_-]{43})/g;

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const hs256 = (header: object, claims: object, key: string | Buffer) => {
  const body = `${base64url(header)}.${base64url(claims)}`;
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
};

describe('a personal link reaches only its owner', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('five forms of one mailbox give one registration and one ballot', async () => {
    const ctx = await newAwardsEvent(t, { capacity: 50 });
    const award = await newAward(t, ctx);
    const forms = [
      'jo@example.org',
      'jo+1@example.org',
      'Jo+awards@Example.org',
      'JO+2@example.org',
      ' jo+3@example.org',
    ];
    const answers = [];
    for (const email of forms) {
      answers.push(
        await t.http
          .post(`/api/events/${ctx.event.id}/registrations`)
          .send({ name: 'Jo', email, organisation: 'Org', consent: true }),
      );
    }
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM registrations WHERE event_id = $1`, [
      ctx.event.id,
    ]);
    expect(n).toBe(1);

    // Every token anyone could hold: in an answer, or in any email the mailbox got.
    await t.mail.waitFor(1 + Math.min(forms.length - 1, t.config.registrationLinkMailsPerHour));
    const seen = [...answers.map((a) => a.text), ...t.mail.messages.map((m) => m.text)].join('\n');
    const tokens = [...new Set([...seen.matchAll(TOKEN)].map((m) => m[1]))];
    expect(tokens).toHaveLength(1);
    const nominee = award.nominees[0].id;
    const ballots = [];
    for (const token of tokens) {
      for (let i = 0; i < forms.length; i += 1) {
        ballots.push(
          (
            await t.http
              .post(`/api/awards/${award.id}/ballots`)
              .set('Authorization', `Bearer ${token}`)
              .send({ nomineeId: nominee })
          ).status,
        );
      }
    }
    expect(ballots.filter((status) => status === 201)).toHaveLength(1);
    const [{ receipts }] = await t.db.query(
      `SELECT count(*)::int AS receipts FROM ballot_receipts WHERE award_id = $1`,
      [award.id],
    );
    expect(receipts).toBe(1);
  });

  it("greets by the name given only once the link was used, so a stranger's text never reaches an address", async () => {
    const ctx = await newAwardsEvent(t, { capacity: 50 });
    const email = `victim-${randomBytes(4).toString('hex')}@example.org`;
    const chosen = 'Your account is locked, call 0900 123456';
    const from = t.mail.messages.length;
    await t.http
      .post(`/api/events/${ctx.event.id}/registrations`)
      .send({ name: chosen, email, consent: true })
      .expect(202);
    const token = await tokenFromMail(t, email, from);
    const welcome = t.mail.messages.slice(from).find((m) => m.to.includes(email))!;
    expect(welcome.text).toMatch(/^Hello,$/m);
    expect(welcome.text + welcome.html).not.toContain(chosen);

    // The owner uses the link: from then on the name is theirs to have given.
    await t.http.get('/api/registrations/me').set('Authorization', `Bearer ${token}`).expect(200);
    const next = t.mail.messages.length;
    await t.http.post(`/api/events/${ctx.event.id}/registrations/resend-link`).send({ email }).expect(202);
    await tokenFromMail(t, email, next);
    const link = t.mail.messages.slice(next).find((m) => m.to.includes(email))!;
    expect(link.text).toContain(`Hello ${chosen},`);
  });

  it('answers resend-link before doing its work, so a known address answers as fast as an unknown one', async () => {
    const ctx = await newAwardsEvent(t, { capacity: 50 });
    const delegate = await register(t, ctx.event.id);
    // Hold the registration's row: any answer that waited for the work would wait for this.
    const holder = t.db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('SELECT id FROM registrations WHERE id = $1 FOR UPDATE', [delegate.id]);
    const from = t.mail.messages.length;
    try {
      for (const email of [delegate.email, `nobody-${randomBytes(4).toString('hex')}@example.org`]) {
        const started = Date.now();
        await t.http
          .post(`/api/events/${ctx.event.id}/registrations/resend-link`)
          .send({ email })
          .timeout(5_000)
          .expect(202);
        expect(Date.now() - started).toBeLessThan(5_000);
      }
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    // Released, the work runs: the link (the same one) reaches its owner.
    expect(await tokenFromMail(t, delegate.email, from)).toBe(delegate.token);
  });

  it('refuses addresses with invisible or look-alike characters, and changes nothing', async () => {
    const ctx = await newAwardsEvent(t);
    for (const email of ['jo\u200b@example.org', '\u0430lex@example.org', 'j\u200do@example.org']) {
      const answer = await t.http
        .post(`/api/events/${ctx.event.id}/registrations`)
        .send({ name: 'Jo', email, consent: true })
        .expect(400);
      expect(JSON.stringify(answer.body)).toMatch(/invisible characters|look-alike letters/);
    }
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM registrations WHERE event_id = $1`, [
      ctx.event.id,
    ]);
    expect(n).toBe(0);
  });
});

describe('production mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      nodeEnv: 'production',
      masterSecret: randomBytes(32).toString('base64url'),
      adminPassword: randomBytes(16).toString('base64url'),
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses an admin token forged with the shipped secret, however it is signed', async () => {
    const [admin] = await t.db.query<Array<{ id: string }>>('SELECT id FROM users WHERE email = $1', [
      t.config.adminEmail,
    ]);
    const claims = {
      sub: admin.id,
      email: t.config.adminEmail,
      adm: true,
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 3600,
    };
    const derived = Buffer.from(hkdfSync('sha256', SHIPPED_SECRET, 'plenary', 'plenary:staff-token', 32));
    const forged = [
      hs256({ alg: 'HS256', typ: 'JWT' }, claims, SHIPPED_SECRET),
      hs256({ alg: 'HS256', typ: 'JWT', kid: 'k1' }, claims, SHIPPED_SECRET),
      hs256({ alg: 'HS256', typ: 'JWT', kid: 'k1' }, claims, derived),
      hs256({ alg: 'HS256', typ: 'JWT' }, { ...claims, sub: '00000000-0000-4000-8000-000000000000' }, SHIPPED_SECRET),
    ];
    const newUser = () => ({
      email: `forged-${randomBytes(4).toString('hex')}@example.org`,
      name: 'Made By A Forger',
      password: 'a long enough password',
    });
    for (const token of forged) {
      await t.http.post('/api/users').set('Authorization', `Bearer ${token}`).send(newUser()).expect(401);
    }
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE name = 'Made By A Forger'`);
    expect(n).toBe(0);
    // The real administrator still gets in.
    await t.http
      .post('/api/users')
      .set('Authorization', `Bearer ${await t.adminToken()}`)
      .send(newUser())
      .expect(201);
  });
});

describe('start-up in production mode', () => {
  /** Runs the start-up (bootstrap, as main.ts does) with this environment as the process's. */
  async function bootWith(env: Record<string, string>): Promise<string> {
    const saved = { ...process.env };
    for (const key of Object.keys(process.env)) {
      if (/^(MASTER_|PREVIOUS_MASTER|JWT_|ADMIN_|NODE_ENV$)/.test(key)) delete process.env[key];
    }
    Object.assign(process.env, {
      NODE_ENV: 'production',
      // Nothing listens here: a start-up that got past its configuration fails later, differently.
      DATABASE_URL: 'postgresql://nobody:nothing@127.0.0.1:1/none',
      REDIS_URL: 'redis://127.0.0.1:1',
      LOG_LEVEL: 'silent',
      ...env,
    });
    try {
      await bootstrap();
      return 'started';
    } catch (error) {
      return error instanceof ConfigValidationError ? `refused: ${error.message}` : String(error);
    } finally {
      process.env = saved;
    }
  }

  const goodSecret = randomBytes(32).toString('base64url');
  const goodPassword = randomBytes(16).toString('base64url');
  const cases: Array<{ what: string; env: Record<string, string>; names: string[]; hidden?: string }> = [
    { what: 'nothing set (the defaults)', env: {}, names: ['MASTER_SECRET', 'ADMIN_PASSWORD'] },
    {
      what: 'the secret docker/compose.yml used to supply',
      env: { MASTER_SECRET: OLD_COMPOSE_SECRET, ADMIN_PASSWORD: goodPassword },
      names: ['MASTER_SECRET'],
      hidden: OLD_COMPOSE_SECRET,
    },
    {
      what: 'the development secret under its old name',
      env: { JWT_SECRET: SHIPPED_SECRET, ADMIN_PASSWORD: goodPassword },
      names: ['JWT_SECRET'],
      hidden: SHIPPED_SECRET,
    },
    {
      what: 'a short secret',
      env: { MASTER_SECRET: 'too-short-a-secret', ADMIN_PASSWORD: goodPassword },
      names: ['MASTER_SECRET'],
      hidden: 'too-short-a-secret',
    },
    {
      what: 'a shipped secret among the rotated-out ones',
      env: { MASTER_SECRET: goodSecret, PREVIOUS_MASTER_SECRETS: `k0:${SHIPPED_SECRET}`, ADMIN_PASSWORD: goodPassword },
      names: ['PREVIOUS_MASTER_SECRETS'],
      hidden: SHIPPED_SECRET,
    },
    {
      what: 'the shipped admin password',
      env: { MASTER_SECRET: goodSecret, ADMIN_PASSWORD: SHIPPED_ADMIN_PASSWORD },
      names: ['ADMIN_PASSWORD'],
      hidden: SHIPPED_ADMIN_PASSWORD,
    },
  ];

  it('refuses each shipped default, naming the variable and not its value', async () => {
    for (const c of cases) {
      const outcome = await bootWith(c.env);
      expect({ what: c.what, refused: outcome.startsWith('refused: Invalid configuration') }).toEqual({
        what: c.what,
        refused: true,
      });
      for (const name of c.names) expect(outcome).toMatch(new RegExp(`^\\s*${name}: `, 'm'));
      if (c.hidden) expect(outcome).not.toContain(c.hidden);
    }
    // The control: secrets of one's own get past the configuration (and fail later, on the missing database).
    const control = await bootWith({ MASTER_SECRET: goodSecret, ADMIN_PASSWORD: goodPassword });
    expect(control).not.toContain('Invalid configuration');
  });

  it('stops the process with exit code 1 and the reason, as the Docker image would run it', async () => {
    const child = spawn(process.execPath, ['--import', './test/processes/register-ts.mjs', 'src/main.ts'], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', DATABASE_URL: 'postgresql://x:y@127.0.0.1:1/none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toMatch(/^\s*MASTER_SECRET: is a value shipped with Plenary/m);
    expect(output).toMatch(/^\s*ADMIN_PASSWORD: is the password shipped with Plenary/m);
  }, 150_000);
});

describe('docker/compose.yml', () => {
  it('supplies no secret of its own: each must be given (${VAR:?…}), or compose refuses to start', () => {
    const compose = readFileSync(new URL('../../docker/compose.yml', import.meta.url), 'utf8');
    for (const name of ['MASTER_SECRET', 'ADMIN_PASSWORD']) {
      expect(compose).toMatch(new RegExp(`^\\s+${name}: \\$\\{${name}:\\?[^}]+\\}$`, 'm'));
    }
    // The secret's former name is not set with a default either.
    expect(compose).not.toMatch(/JWT_SECRET:\s*\$\{JWT_SECRET:-/);
    expect(compose).not.toContain(OLD_COMPOSE_SECRET);
  });
});
