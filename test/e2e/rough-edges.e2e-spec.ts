import type { Response } from 'supertest';
import { insertRegistration } from '../factories/db-fixtures.js';
import { newCanvasContext, newParticipant } from '../factories/canvas.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('rough edges', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['an unknown agenda', '/events/no-such-event'],
    ['a personal link that does not work', '/r/not-a-real-token-at-all'],
    ['an unknown canvas code', '/canvases/ZZZZZZ'],
  ])('the 404 page for %s has a main landmark', async (_name, path) => {
    const page = await t.http.get(path).set('accept', 'text/html').expect(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toMatch(/<main\b[^>]*>[\s\S]*<\/main>/);
  });

  it('serves a favicon: a 16 × 16 icon with visible pixels', async () => {
    const response = await t.http.get('/favicon.ico').buffer(true).parse(binary).expect(200);
    expect(response.headers['content-type']).toBe('image/x-icon');
    expect(response.headers['cache-control']).toMatch(/max-age=\d+/);
    const ico = response.body as Buffer;
    // ICONDIR: reserved 0, type 1 (icon), one image; its entry: 16 × 16, 32 bits, data at offset 22.
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 1]);
    expect([ico[6], ico[7], ico.readUInt16LE(12), ico.readUInt32LE(18)]).toEqual([16, 16, 32, 22]);
    expect(ico.readUInt32LE(14)).toBe(ico.length - 22);
    const pixels = ico.subarray(22 + 40, 22 + 40 + 16 * 16 * 4);
    const opaque = [...Array(256).keys()].filter((i) => pixels[i * 4 + 3] === 0xff).length;
    expect(opaque).toBeGreaterThan(100);
    expect(opaque).toBeLessThan(256);
  });

  it('signs a note on a canvas for registered delegates with the delegate’s name, not a typed one', async () => {
    const ctx = await newCanvasContext(t, { anonymous: false });
    const delegate = await insertRegistration(t.db, ctx.event.id, { name: 'Ruth Registered' });
    const note = await newParticipant(t)
      .post(`/api/canvases/join/${ctx.canvas.joinCode}/notes`)
      .set(delegate.auth)
      .send({ section: 'values', text: 'Mutual aid', authorName: 'Someone Else' })
      .expect(201);
    const [row] = await t.db.query(`SELECT author_name FROM canvas_notes WHERE id = $1`, [note.body.id]);
    expect(row.author_name).toBe('Ruth Registered');
  });

  it('keeps a typed name (or none) on an anonymous canvas', async () => {
    const ctx = await newCanvasContext(t, { anonymous: true });
    const phone = newParticipant(t);
    const post = (body: object) =>
      phone.post(`/api/canvases/join/${ctx.canvas.joinCode}/notes`).send({ section: 'values', text: 'x', ...body });
    const named = await post({ authorName: 'Kim' }).expect(201);
    const unnamed = await post({}).expect(201);
    const rows = await t.db.query(`SELECT id, author_name FROM canvas_notes WHERE canvas_id = $1`, [ctx.canvas.id]);
    const byId = new Map(rows.map((r: { id: string; author_name: string | null }) => [r.id, r.author_name]));
    expect(byId.get(named.body.id)).toBe('Kim');
    expect(byId.get(unnamed.body.id)).toBeNull();
  });

  it('sends HSTS and the upgrade to https when the app is served over https', async () => {
    const secure = await createTestApp({ appUrl: 'https://plenary.example.org' });
    try {
      const response = await secure.http.get('/favicon.ico').expect(200);
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    } finally {
      await secure.close();
    }
  });
});
