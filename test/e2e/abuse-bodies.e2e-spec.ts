import type { AddressInfo } from 'node:net';
import { newCanvasContext, type CanvasContext } from '../factories/canvas.factory.js';
import { registrationBody } from '../factories/registrations.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

interface Answer {
  status: number;
  body: { statusCode?: number; message?: unknown };
}

/** Request bodies a client may not send: too deep, too big for a public route, a form on the JSON API. */
describe('request bodies under abuse', () => {
  let t: TestApp;
  let ctx: CanvasContext;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    ctx = await newCanvasContext(t);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Timed from the request leaving to the whole answer read, over a real socket. */
  const send = async (
    path: string,
    body: string | undefined,
    headers: Record<string, string> = { 'content-type': 'application/json' },
  ): Promise<Answer> => {
    const response = await fetch(`${base}${path}`, { method: 'POST', headers, body });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Answer['body']) : {} };
  };

  it('answers a 1 MB deep body with a 400 (not a 500 after seconds of CPU), on a public and on a staff route', async () => {
    const deep = '['.repeat(1_048_576 - 2) + '1]';
    const routes: Array<[string, Record<string, string>]> = [
      [`/api/events/${ctx.event.id}/registrations`, {}],
      ['/api/events', ctx.facilitator.auth],
    ];
    for (const [path, auth] of routes) {
      for (let i = 0; i < 5; i++) {
        const answer = await send(path, deep, { 'content-type': 'application/json', ...auth });
        expect({ path, status: answer.status, statusCode: answer.body.statusCode }).toEqual({
          path,
          status: 400,
          statusCode: 400,
        });
        expect(String(answer.body.message)).toMatch(/nested too deeply/);
      }
    }
  });

  it('answers a body a few thousand levels deep with a 400, never a 500', async () => {
    for (const depth of [33, 3_000, 20_000]) {
      const objects = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
      const answer = await send('/api/auth/login', objects);
      expect({ depth, status: answer.status }).toEqual({ depth, status: 400 });
    }
    const fine = await send(
      '/api/auth/login',
      JSON.stringify({ email: 'nobody@example.org', password: 'x'.repeat(12) }),
    );
    expect(fine.status).toBe(401);
  });

  it('takes at most 64 KB on a public route, and the configured limit from signed-in staff', async () => {
    const padding = 'x'.repeat(70_000);
    const publicAnswer = await send(
      `/api/events/${ctx.event.id}/registrations`,
      JSON.stringify({ ...registrationBody(), name: padding }),
    );
    expect(publicAnswer.status).toBe(413);
    const forged = await send(`/api/events/${ctx.event.id}/registrations`, JSON.stringify({ name: padding }), {
      'content-type': 'application/json',
      authorization: 'Bearer not-a-staff-token',
    });
    expect(forged.status).toBe(413);
    // Staff reach validation with the same size (and are refused there for the field's length).
    const staffAnswer = await send('/api/events', JSON.stringify({ title: 'Big', description: padding }), {
      'content-type': 'application/json',
      ...ctx.facilitator.auth,
    });
    expect(staffAnswer.status).toBe(400);
    expect(String(staffAnswer.body.message)).not.toMatch(/too large/);
  });

  it('accepts a body-less POST sent with a JSON content type', async () => {
    const answer = await send(`/api/canvases/${ctx.canvas.id}/close`, undefined, {
      'content-type': 'application/json',
      ...ctx.facilitator.auth,
    });
    expect(answer.status).toBe(200);
    const again = await send(`/api/canvases/${ctx.canvas.id}/reopen`, '', {
      'content-type': 'application/json; charset=utf-8',
      ...ctx.facilitator.auth,
    });
    expect(again.status).toBe(200);
  });

  it('refuses form bodies on the JSON API with a 415 that changes nothing', async () => {
    const before = await t.db.query<Array<{ n: string }>>('SELECT count(*) AS n FROM registrations');
    const form = new URLSearchParams({ name: 'Form Person', email: 'form@example.org', organisation: 'Org' });
    form.set('consent', 'true');
    const answer = await send(`/api/events/${ctx.event.id}/registrations`, form.toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(answer.status).toBe(415);
    expect(answer.body.statusCode).toBe(415);
    const login = await send('/api/auth/login', `email=${encodeURIComponent(t.config.adminEmail)}&password=x`, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(login.status).toBe(415);
    const after = await t.db.query<Array<{ n: string }>>('SELECT count(*) AS n FROM registrations');
    expect(after[0].n).toBe(before[0].n);
  });
});
