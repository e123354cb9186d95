import { createTestApp, type TestApp } from '../setup/test-app.js';
import { EXPECTED } from './authz-matrix.table.js';
import { type AppRoute, buildWorld, call, fillPath, listRoutes, settleOutbox, type World } from './hardening/world.js';

interface Secret {
  what: string;
  value: string;
}

/**
 * Every GET route the public or a delegate may call, as the public and as delegate A of a
 * seeded event: nothing of another person's (email, token, token hash, access or dietary
 * needs, ballot receipt), no password hash and no staff token appears in any response.
 */
describe('leak scan', () => {
  let t: TestApp;
  let world: World;
  let routes: AppRoute[];
  let others: Secret[];
  let ownA: Secret[];

  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
    world = await buildWorld(t);
    routes = listRoutes(t).filter(
      (r) => r.method === 'GET' && (EXPECTED[r.key].anonymous === 'allow' || EXPECTED[r.key].delegate === 'allow'),
    );
    const hashes = await t.db.query<Array<{ token_hash: string }>>('SELECT token_hash FROM registrations');
    const receipts = await t.db.query<Array<{ receipt_code: string }>>('SELECT receipt_code FROM ballot_receipts');
    const passwords = await t.db.query<Array<{ password_hash: string }>>('SELECT password_hash FROM users');
    const speakers = await t.db.query<Array<{ email: string | null }>>('SELECT email FROM speakers');
    const staff = [world.organiser, world.facilitator, world.staff, world.organiserY];
    others = [
      ...[world.delegateB, world.delegateY, ...world.spare].flatMap((d) => [
        { what: 'another delegate email', value: d.email },
        { what: 'another delegate token', value: d.token },
      ]),
      ...staff.flatMap((s) => [
        { what: 'staff email', value: s.email },
        { what: 'staff token', value: s.token },
      ]),
      { what: 'admin email', value: t.config.adminEmail },
      ...hashes.map((h) => ({ what: 'token hash', value: h.token_hash })),
      ...receipts.map((r) => ({ what: 'ballot receipt', value: r.receipt_code })),
      ...passwords.map((p) => ({ what: 'password hash', value: p.password_hash })),
      { what: 'password hash', value: '$argon2' },
      ...speakers.filter((s) => s.email).map((s) => ({ what: 'speaker email', value: s.email as string })),
      { what: "B's access needs", value: 'SECRET-ACCESS-B' },
      { what: "B's dietary needs", value: 'SECRET-DIET-B' },
      { what: 'a voter on a ballot', value: 'registration_id' },
      { what: 'a voter on a ballot', value: 'registrationId' },
    ];
    ownA = [
      { what: "A's email", value: world.delegateA.email },
      { what: "A's token", value: world.delegateA.token },
      { what: "A's access needs", value: 'SECRET-ACCESS-A' },
      { what: "A's dietary needs", value: 'SECRET-DIET-A' },
    ];
  }, 60_000);
  afterAll(async () => {
    await settleOutbox(t);
    await t.close();
  });

  const scan = (label: string, text: string, secrets: Secret[], found: string[]): void => {
    for (const secret of secrets) {
      if (secret.value && text.includes(secret.value))
        found.push(`${label}: ${secret.what} (${secret.value.slice(0, 24)})`);
    }
  };

  it('walks the public and delegate GET routes', async () => {
    expect(routes.length).toBeGreaterThan(15);
    const found: string[] = [];
    let scanned = 0;
    for (const route of routes) {
      const path = fillPath(route.path, world.params);
      // Anonymous: A's own things only on A's personal page (the link is A's credential).
      const anonymous = await call(world, 'GET', path);
      const personal = route.path.startsWith('/r/');
      scan(`${route.key} anonymous`, anonymous.text, personal ? others : [...others, ...ownA], found);
      const delegate = await call(world, 'GET', path, { headers: world.delegateA.auth });
      scan(`${route.key} as A`, delegate.text, others, found);
      // Headers too (a token in a Location or a Set-Cookie would leak as well).
      scan(`${route.key} headers`, JSON.stringify([...delegate.headers.entries()]), others, found);
      // A delegate of another event and a staff member without a role see nothing of A's either.
      for (const [who, headers, own] of [
        ['as Y', world.delegateY.auth, [world.delegateY.email, world.delegateY.token]],
        ['as staff', world.staff.auth, [world.staff.email, world.staff.token]],
      ] as const) {
        const answer = await call(world, 'GET', path, { headers });
        const secrets = [...ownA, ...others].filter((s) => !(own as readonly string[]).includes(s.value));
        scan(
          `${route.key} ${who}`,
          answer.text,
          personal ? others.filter((s) => !own.includes(s.value)) : secrets,
          found,
        );
      }
      scanned += [anonymous, delegate].filter((a) => a.status < 400).length;
    }
    // The public wall and the participant view of the canvas, with the join code.
    for (const path of [`/api/canvases/join/${world.canvas.joinCode}`, `/api/events/${world.eventX.id}/agenda.ics`]) {
      scan(path, (await call(world, 'GET', path)).text, [...others, ...ownA], found);
    }
    expect(found).toEqual([]);
    expect(scanned).toBeGreaterThan(30);
    // The scanner sees what is there: A's own page shows A's email and needs.
    const own: string[] = [];
    scan('me', (await call(world, 'GET', '/api/registrations/me', { headers: world.delegateA.auth })).text, ownA, own);
    expect(own.length).toBeGreaterThan(0);
  });

  it('answers every caller with credentials with Cache-Control: no-store on JSON, CSV and XLSX', async () => {
    const DATA = /^(application\/json|text\/csv|application\/vnd\.openxmlformats)/;
    const paths = [
      ...listRoutes(t)
        .filter((r) => r.method === 'GET')
        .map((r) => fillPath(r.path, world.params)),
      `/api/events/${world.eventX.id}/registrations?format=csv`,
      `/api/canvases/${world.canvas.id}/export?format=csv`,
      `/api/canvases/${world.canvas.id}/export?format=xlsx`,
    ];
    const cached: string[] = [];
    const seen = new Set<string>();
    for (const path of paths) {
      for (const caller of ['delegate', 'staff', 'facilitator', 'organiser', 'admin'] as const) {
        const answer = await call(world, 'GET', path, { headers: world.headers[caller] });
        const type = answer.headers.get('content-type') ?? '';
        if (answer.status >= 300 || !DATA.test(type)) continue;
        seen.add(type.split(';')[0]);
        if (!/\bno-store\b/.test(answer.headers.get('cache-control') ?? '')) {
          cached.push(`${path} as ${caller}: ${answer.headers.get('cache-control')}`);
        }
      }
    }
    expect(cached).toEqual([]);
    expect([...seen].sort()).toEqual([
      'application/json',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'text/csv',
    ]);
    // Without credentials, public answers keep their own caching.
    const agenda = await call(world, 'GET', `/api/events/${world.eventX.id}/agenda`);
    expect(agenda.status).toBe(200);
    expect(agenda.headers.get('cache-control')).not.toBe('no-store');
  });

  it('the account routes (deactivate, reactivate, remove a member, password, sign-out) answer nothing secret', async () => {
    const admin = world.headers.admin;
    const target = world.organiserY;
    const answers = [
      ['deactivate', await call(world, 'POST', `/api/users/${target.id}/deactivate`, { headers: admin, body: {} })],
      ['reactivate', await call(world, 'POST', `/api/users/${target.id}/reactivate`, { headers: admin, body: {} })],
      // Refused: the last organiser of Y; the reason names nobody.
      [
        'last organiser',
        await call(world, 'DELETE', `/api/events/${world.eventY.id}/members/${target.id}`, { headers: admin }),
      ],
      [
        'wrong password',
        await call(world, 'POST', '/api/auth/password', {
          headers: world.staff.auth,
          body: { currentPassword: 'not the one', newPassword: 'another long password' },
        }),
      ],
    ] as const;
    expect(answers.map(([, a]) => a.status)).toEqual([200, 200, 409, 403]);
    const found: string[] = [];
    const secrets = others.filter((s) => s.what !== 'staff email' || s.value !== target.email);
    for (const [label, answer] of answers) {
      scan(label, answer.text + JSON.stringify([...answer.headers.entries()]), secrets, found);
      expect(answer.headers.get('cache-control') ?? '').toMatch(/no-store/);
    }
    expect(found).toEqual([]);
  });

  it('a ballot row names no voter, and receipts equal ballots', async () => {
    const columns = await t.db.query<Array<{ column_name: string }>>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'ballots'`,
    );
    expect(
      columns.map((c) => c.column_name).filter((c) => /registration|voter|delegate|email|token|_at$/.test(c)),
    ).toEqual([]);
    const [{ receipts }] = await t.db.query<Array<{ receipts: number }>>(
      'SELECT count(*)::int AS receipts FROM ballot_receipts',
    );
    const [{ ballots }] = await t.db.query<Array<{ ballots: number }>>(
      'SELECT (SELECT count(*)::int FROM ballots) + (SELECT count(*)::int FROM sealed_ballots) AS ballots',
    );
    expect(ballots).toBe(receipts);
  });

  it('names and titles with CR/LF put no extra line in a mail header', async () => {
    const injected = 'Eve\r\nBcc: attacker@example.org\r\nX-Injected: yes';
    const patched = await call(world, 'PATCH', `/api/events/${world.eventX.id}`, {
      headers: world.organiser.auth,
      body: { title: `Meeting\r\nX-Injected: title\nBcc: attacker@example.org` },
    });
    expect(patched.status).toBeLessThan(500);
    const before = t.mail.messages.length;
    const email = `crlf-${Date.now()}@example.org`;
    const registered = await call(world, 'POST', `/api/events/${world.eventX.id}/registrations`, {
      body: { name: injected, email, organisation: 'Org\r\nX-Injected: org', consent: true },
    });
    expect(registered.status).toBe(202);
    const refused = await call(world, 'POST', `/api/events/${world.eventX.id}/registrations`, {
      body: {
        name: 'Mallory',
        email: `m@example.org\r\nBcc: attacker@example.org`,
        organisation: 'Org',
        consent: true,
      },
    });
    expect(refused.status).toBe(400);
    const resend = await call(world, 'POST', `/api/events/${world.eventX.id}/registrations/resend-link`, {
      body: { email: `${email}\r\nBcc: attacker@example.org` },
    });
    expect(resend.status).toBeLessThan(500);
    await settleOutbox(t);
    const mails = (await t.mail.waitFor(before + 1)).slice(before);
    const mine = mails.filter((m) => m.to.includes(email));
    expect(mine.length).toBeGreaterThan(0);
    for (const mail of mails) {
      expect(mail.to).not.toContain('attacker@example.org');
      expect(mail.headers.map((h) => h.key.toLowerCase())).not.toEqual(expect.arrayContaining(['bcc']));
      expect(mail.headers.map((h) => h.key.toLowerCase())).not.toEqual(expect.arrayContaining(['x-injected']));
      const head = mail.raw.split(/\r?\n\r?\n/)[0];
      expect(head).not.toMatch(/^(bcc|x-injected):/im);
    }
  });
});
