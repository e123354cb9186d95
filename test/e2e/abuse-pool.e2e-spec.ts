import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ExportPool } from '../../src/platform/database/export-pool.js';
import { newCanvasContext, SseClient } from '../factories/canvas.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Connections and the pool cannot be exhausted from outside; /health answers 200 throughout. */
describe('streams, slow readers and the pool', () => {
  let t: TestApp;
  let base: string;
  const healthy = async () => (await fetch(`${base}/health`)).status;

  beforeAll(async () => {
    t = await createTestApp({
      trustProxy: '127.0.0.1/8',
      canvasStreamsPerParticipant: 2,
      canvasStreamsPerAddress: 4,
      canvasStreamsPerProcess: 6,
      exportPoolSize: 2,
      exportWaitMs: 500,
      // Long enough that a client reading a big export in this busy process is never taken for a
      // stalled one: under CI load 5 s once cut the export the test then read in full.
      connectionTimeoutMs: 10_000,
      canvasHeartbeatMs: 500,
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('caps live streams per participant, per address and per process', async () => {
    const { canvas } = await newCanvasContext(t);
    const url = `${base}/api/canvases/${canvas.id}/stream?code=${canvas.joinCode}`;
    const cookieFor = async (venue: string) => {
      const page = await fetch(`${base}/canvases/${canvas.joinCode}`, { headers: { 'x-forwarded-for': venue } });
      return String(page.headers.get('set-cookie')).split(';')[0];
    };
    const open = (venue: string, cookie?: string) =>
      SseClient.connect(url, { 'x-forwarded-for': venue, ...(cookie ? { cookie } : {}) });
    const refused = async (venue: string, cookie?: string) => {
      const client = new SseClient(url, { 'x-forwarded-for': venue, ...(cookie ? { cookie } : {}) });
      return (await fetch(client.url, { headers: client.headers })).status;
    };
    const streams: SseClient[] = [];
    try {
      const phone = await cookieFor('198.51.100.1');
      streams.push(await open('198.51.100.1', phone), await open('198.51.100.1', phone));
      expect(await refused('198.51.100.1', phone)).toBe(429);
      for (let i = 0; i < 4; i++) streams.push(await open('198.51.100.2', await cookieFor('198.51.100.2')));
      expect(await refused('198.51.100.2', await cookieFor('198.51.100.2'))).toBe(429);
      // Six open on this process: a third address is refused too, and /health still answers.
      expect(await refused('198.51.100.3')).toBe(429);
      expect(await healthy()).toBe(200);
      streams.pop()!.close();
      await until(async () => (await refused('198.51.100.3')) !== 429);
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it('keeps exports on their own pool and drops a reader that stopped reading', async () => {
    const { canvas, facilitator } = await newCanvasContext(t);
    const small = await newCanvasContext(t);
    // About 25 MB of CSV: far more than the sockets can buffer, so an unread download stalls.
    await t.db.query(
      `INSERT INTO canvas_notes (canvas_id, section_key, text, participant_key)
       SELECT $1, 'values', repeat('x', 490) || i, 'c:bulk' FROM generate_series(1, 50000) AS i`,
      [canvas.id],
    );
    const path = `/api/canvases/${canvas.id}/export?format=csv`;
    const pool = t.app.get(ExportPool);
    const stalled: Socket[] = [];
    for (let i = 0; i < 2; i++) {
      const socket = connect({ host: '127.0.0.1', port: Number(new URL(base).port) });
      socket.write(`GET ${path} HTTP/1.1\r\nHost: plenary.test\r\nAuthorization: ${facilitator.auth.Authorization}\r\n\r\n`);
      socket.pause();
      socket.on('error', () => undefined);
      stalled.push(socket);
    }
    try {
      await until(() => pool.busy === 2);
      // Both export connections are held by readers that do not read: a third export is told to come back ...
      const third = await fetch(`${base}${path}`, { headers: facilitator.auth });
      expect(third.status).toBe(503);
      // ... while the app's own pool (and so /health and every other request) is untouched.
      expect(await healthy()).toBe(200);
      const other = await fetch(`${base}/api/canvases/${small.canvas.id}`, { headers: small.facilitator.auth });
      expect(other.status).toBe(200);
      // The stalled readers are dropped (no bytes moved for CONNECTION_TIMEOUT_MS) and give their connections back.
      await until(() => pool.busy === 0, 45_000);
      const next = await fetch(`${base}${path}`, { headers: facilitator.auth });
      expect(next.status).toBe(200);
      expect((await next.text()).length).toBeGreaterThan(20_000_000);
      expect(await healthy()).toBe(200);
    } finally {
      for (const socket of stalled) socket.destroy();
    }
  }, 90_000);
});
