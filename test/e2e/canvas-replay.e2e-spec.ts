import type { AddressInfo } from 'node:net';
import {
  newCanvasContext,
  newParticipant,
  postNote,
  SseClient,
  type CanvasContext,
  type SseMessage,
} from '../factories/canvas.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const REPLAY_LIMIT = 6;

/**
 * Moderation sticks in the live stream's replay: a client that connects later (or asks for
 * everything with ?lastEventId=0) sees notes as they are now, and the public only recent history.
 */
describe('canvas stream replay', () => {
  let t: TestApp;
  let base: string;
  let ctx: CanvasContext;
  const clients: SseClient[] = [];

  beforeAll(async () => {
    t = await createTestApp({ processRole: 'api', canvasPublicReplayEvents: REPLAY_LIMIT });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await t.close();
  });
  beforeEach(async () => {
    ctx = await newCanvasContext(t);
  });

  const connect = async (path: string, headers: Record<string, string> = {}) => {
    const client = await SseClient.connect(`${base}${path}`, headers);
    clients.push(client);
    return client;
  };
  const patch = (noteId: string, body: object) =>
    t.http.patch(`/api/canvases/${ctx.canvas.id}/notes/${noteId}`).set(ctx.facilitator.auth).send(body).expect(200);
  const lastSeq = async () =>
    (
      await t.db.query<Array<{ seq: string }>>(`SELECT event_seq::text AS seq FROM canvases WHERE id = $1`, [
        ctx.canvas.id,
      ])
    )[0].seq;
  /** Waits until the replay up to the canvas's last event has arrived. */
  const replayed = async (client: SseClient): Promise<SseMessage[]> => {
    const seq = await lastSeq();
    await client.waitFor((m) => m.id === seq);
    return client.events();
  };

  it('replays hidden and merged notes without their text to the public, and as they are now to facilitators', async () => {
    const phone = newParticipant(t);
    const rude = await postNote(phone, ctx.canvas.joinCode, { text: 'Rude remark', authorName: 'Someone' });
    const keep = await postNote(phone, ctx.canvas.joinCode, { text: 'Keep this one' });
    const dupe = await postNote(phone, ctx.canvas.joinCode, { text: 'Duplicate wording' });
    await patch(rude.id, { hidden: true });
    await patch(dupe.id, { mergedInto: keep.id });

    const wall = await connect(`/api/canvases/${ctx.canvas.id}/stream?code=${ctx.canvas.joinCode}&lastEventId=0`);
    const events = await replayed(wall);
    expect(events.map((m) => m.event)).toEqual([
      'note.created',
      'note.created',
      'note.created',
      'note.hidden',
      'note.merged',
    ]);
    const text = events.map((m) => m.data).join('\n');
    for (const gone of ['Rude remark', 'Someone', 'Duplicate wording']) expect(text).not.toContain(gone);
    expect(text).toContain('Keep this one');
    const first = JSON.parse(events[0].data!) as { note: unknown };
    expect(first.note).toEqual({ id: rude.id, hidden: true });
    const third = JSON.parse(events[2].data!) as { note: unknown };
    expect(third.note).toEqual({ id: dupe.id, hidden: false, mergedIntoId: keep.id });

    // Facilitators moderate: they see the hidden note's text, in its current (hidden) state.
    const staff = await connect(`/api/canvases/${ctx.canvas.id}/stream?lastEventId=0`, ctx.facilitator.auth);
    const staffEvents = await replayed(staff);
    expect(JSON.parse(staffEvents[0].data!)).toMatchObject({
      note: { id: rude.id, text: 'Rude remark', hidden: true },
    });
  });

  it('replays only recent history to the public, and tells a client that asked for more to reload', async () => {
    const phone = newParticipant(t);
    for (let i = 0; i < REPLAY_LIMIT + 4; i += 1) await postNote(phone, ctx.canvas.joinCode, { text: `Note ${i}` });
    const seq = Number(await lastSeq());

    const wall = await connect(`/api/canvases/${ctx.canvas.id}/stream?code=${ctx.canvas.joinCode}&lastEventId=0`);
    const events = await replayed(wall);
    expect(events[0].event).toBe('canvas.resync');
    expect(events.slice(1).map((m) => Number(m.id))).toEqual(
      Array.from({ length: REPLAY_LIMIT }, (_, i) => seq - REPLAY_LIMIT + 1 + i),
    );

    // A recent Last-Event-ID replays from there, without a resync.
    const recent = await connect(`/api/canvases/${ctx.canvas.id}/stream?code=${ctx.canvas.joinCode}`, {
      'Last-Event-ID': String(seq - 2),
    });
    expect((await replayed(recent)).map((m) => Number(m.id))).toEqual([seq - 1, seq]);

    const staff = await connect(`/api/canvases/${ctx.canvas.id}/stream?lastEventId=0`, ctx.facilitator.auth);
    expect(await replayed(staff)).toHaveLength(REPLAY_LIMIT + 4);
  });
});
