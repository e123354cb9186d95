import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createHttpApp } from '../../src/app/app.factory.js';
import { loadConfig } from '../../src/platform/config/app-config.js';
import {
  newCanvasContext,
  newParticipant,
  postNote,
  SseClient,
  type CanvasContext,
  type SseMessage,
} from '../factories/canvas.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const baseUrl = (app: NestFastifyApplication) =>
  `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

const data = (message: SseMessage) =>
  JSON.parse(message.data ?? '{}') as { note: Record<string, unknown>; into?: Record<string, unknown> };

describe('canvas live stream across two API processes', () => {
  let t: TestApp;
  /** A second API process: same database, same Redis and prefix, its own port. */
  let second: NestFastifyApplication;
  let urlA: string;
  let urlB: string;
  const clients: SseClient[] = [];

  const connect = async (url: string, headers: Record<string, string> = {}) => {
    const client = await SseClient.connect(url, headers);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    t = await createTestApp({ canvasHeartbeatMs: 300 });
    await t.app.listen(0, '127.0.0.1');
    second = await createHttpApp(loadConfig({}, { ...t.config, processRole: 'api' }));
    await second.listen(0, '127.0.0.1');
    urlA = baseUrl(t.app);
    urlB = baseUrl(second);
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await second.close();
    await t.close();
  });

  let ctx: CanvasContext;
  beforeEach(async () => {
    ctx = await newCanvasContext(t);
  });

  it('delivers a note posted on one process to subscribers of both processes', async () => {
    const { canvas, facilitator } = ctx;
    const staffWall = await connect(`${urlA}/api/canvases/${canvas.id}/stream`, facilitator.auth);
    const publicWall = await connect(`${urlB}/api/canvases/${canvas.id}/stream?code=${canvas.joinCode.toLowerCase()}`);

    const viaA = await postNote(newParticipant(t), canvas.joinCode, { text: 'Posted on A' });
    const viaB = await postNote(request.agent(second.getHttpServer()), canvas.joinCode, { text: 'Posted on B' });
    for (const wall of [staffWall, publicWall]) {
      const first = await wall.waitFor((m) => m.event === 'note.created' && data(m).note.id === viaA.id);
      const next = await wall.waitFor((m) => m.event === 'note.created' && data(m).note.id === viaB.id);
      expect(data(first).note).toMatchObject({ text: 'Posted on A', section: 'values' });
      expect(Number(next.id)).toBe(Number(first.id) + 1);
    }
  });

  it('streams moderation and votes; the public stream never carries a hidden note’s text', async () => {
    const { canvas, facilitator } = ctx;
    const staffWall = await connect(`${urlB}/api/canvases/${canvas.id}/stream`, facilitator.auth);
    const publicWall = await connect(`${urlA}/api/canvases/${canvas.id}/stream?code=${canvas.joinCode}`);
    const phone = newParticipant(t);
    const keep = await postNote(phone, canvas.joinCode, { text: 'Keep me' });
    const secret = await postNote(phone, canvas.joinCode, { text: 'Rude remark' });
    const dupe = await postNote(phone, canvas.joinCode, { text: 'keep me' });
    const patch = (id: string, body: Record<string, unknown>) =>
      t.http.patch(`/api/canvases/${canvas.id}/notes/${id}`).set(facilitator.auth).send(body).expect(200);
    await patch(secret.id, { hidden: true });
    await patch(keep.id, { cluster: 'Core' });
    await phone.post(`/api/canvases/join/${canvas.joinCode}/notes/${keep.id}/dots`).expect(201);
    await patch(dupe.id, { mergedInto: keep.id });
    await t.http.post(`/api/canvases/${canvas.id}/close`).set(facilitator.auth).expect(200);

    for (const wall of [staffWall, publicWall]) await wall.waitFor((m) => m.event === 'canvas.closed');
    const types = (wall: SseClient) => wall.events().map((m) => m.event);
    const expected = [
      'note.created',
      'note.created',
      'note.created',
      'note.hidden',
      'note.changed',
      'note.voted',
      'note.merged',
      'canvas.closed',
    ];
    expect(types(staffWall)).toEqual(expected);
    expect(types(publicWall)).toEqual(expected);

    const hiddenForStaff = staffWall.events().find((m) => m.event === 'note.hidden')!;
    expect(data(hiddenForStaff).note).toMatchObject({ id: secret.id, text: 'Rude remark', hidden: true });
    const hiddenForPublic = publicWall.events().find((m) => m.event === 'note.hidden')!;
    expect(data(hiddenForPublic).note).toEqual({ id: secret.id, hidden: true });
    expect(
      publicWall
        .events()
        .filter((m) => m.event !== 'note.created' || data(m).note.id !== secret.id)
        .map((m) => m.data)
        .join(''),
    ).not.toContain('Rude remark');

    const merged = data(publicWall.events().find((m) => m.event === 'note.merged')!);
    expect(merged.note).toMatchObject({ id: dupe.id, mergedIntoId: keep.id });
    expect(merged.into).toMatchObject({ id: keep.id, dots: 1, cluster: 'Core' });
    const ids = staffWall.events().map((m) => Number(m.id));
    expect(ids).toEqual(ids.map((_, i) => ids[0] + i));
  });

  it('sends heartbeats', async () => {
    const wall = await connect(`${urlB}/api/canvases/${ctx.canvas.id}/stream?code=${ctx.canvas.joinCode}`);
    await expect(wall.waitFor((m) => m.comment?.startsWith('heartbeat') ?? false, 3_000)).resolves.toBeDefined();
  });

  it('lets a reconnecting client catch up from Last-Event-ID, then continues live', async () => {
    const { canvas } = ctx;
    const phone = newParticipant(t);
    const url = `${urlA}/api/canvases/${canvas.id}/stream?code=${canvas.joinCode}`;
    const first = await connect(url);
    const seen = await postNote(phone, canvas.joinCode, { text: 'seen live' });
    const lastSeen = await first.waitFor((m) => m.event === 'note.created' && data(m).note.id === seen.id);
    first.close();

    const missed1 = await postNote(phone, canvas.joinCode, { text: 'missed one' });
    const missed2 = await postNote(phone, canvas.joinCode, { text: 'missed two' });

    const again = await connect(`${urlB}/api/canvases/${canvas.id}/stream?code=${canvas.joinCode}`, {
      'Last-Event-ID': lastSeen.id!,
    });
    const live = await postNote(phone, canvas.joinCode, { text: 'live again' });
    await again.waitFor((m) => m.event === 'note.created' && data(m).note.id === live.id);
    expect(again.events().map((m) => data(m).note.id)).toEqual([missed1.id, missed2.id, live.id]);
    expect(again.events().map((m) => Number(m.id))).toEqual([1, 2, 3].map((i) => Number(lastSeen.id) + i));

    // The page's own starting point works the same way, as ?lastEventId= on the first connection.
    const fromStart = await connect(`${url}&lastEventId=0`);
    await fromStart.waitFor((m) => m.event === 'note.created' && data(m).note.id === live.id);
    expect(fromStart.events()).toHaveLength(4);
  });

  it('ends open streams when a process shuts down, so it can stop', async () => {
    const third = await createHttpApp(loadConfig({}, { ...t.config, processRole: 'api' }));
    await third.listen(0, '127.0.0.1');
    const wall = await connect(`${baseUrl(third)}/api/canvases/${ctx.canvas.id}/stream?code=${ctx.canvas.joinCode}`);
    const started = Date.now();
    await third.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    wall.close();
  });

  it('refuses a stream without the code or a facilitator token', async () => {
    const anonymous = await fetch(`${urlA}/api/canvases/${ctx.canvas.id}/stream`);
    expect(anonymous.status).toBe(401);
    const wrong = await fetch(`${urlB}/api/canvases/${ctx.canvas.id}/stream?code=AAAAAA`);
    expect(wrong.status).toBe(404);
  });
});
