import request from 'supertest';
import { insertDelegates, newAward, newAwardsEvent } from '../factories/awards.factory.js';
import { newCanvas, newCanvasContext, newParticipant } from '../factories/canvas.factory.js';
import { registrationBody } from '../factories/registrations.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const ROOM = 300;
const AT_ONCE = 50;

/** Runs `job` for 0..count-1, `AT_ONCE` at a time (a room arrives in waves, not one by one). */
async function inWaves<T>(count: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += AT_ONCE) {
    const wave = Array.from({ length: Math.min(AT_ONCE, count - start) }, (_, k) => job(start + k));
    results.push(...(await Promise.all(wave)));
  }
  return results;
}

const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

/**
 * A venue: three hundred delegates on one Wi-Fi address register, open the canvas on their
 * phones, post a note, dot-vote and cast a ballot within the same minute, with the default
 * limits. Each has its own cookie or token, so none is refused.
 */
describe('a room of phones behind one address', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ processRole: 'api' });
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it(`${ROOM} registrations, notes, dots and ballots from one address: no 429`, async () => {
    const ctx = await newAwardsEvent(t, { capacity: ROOM * 2 });

    const registrations = await inWaves(ROOM, async () => {
      const response = await t.http.post(`/api/events/${ctx.event.id}/registrations`).send(registrationBody());
      return response.status;
    });
    expect(tally(registrations)).toEqual({ 202: ROOM });

    // Anonymous canvas: each phone opens the join page (which gives it its cookie), posts, dots.
    const { canvas } = await newCanvasContext(t, { anonymous: true, dotsPerPerson: 3 });
    const phones = Array.from({ length: ROOM }, () => newParticipant(t));
    const opened = await inWaves(ROOM, async (i) => (await phones[i].get(`/canvases/${canvas.joinCode}`)).status);
    expect(tally(opened)).toEqual({ 200: ROOM });
    const notes = await inWaves(ROOM, async (i) => {
      const response = await phones[i]
        .post(`/api/canvases/join/${canvas.joinCode}/notes`)
        .send({ section: 'values', text: `Phone ${i} says hello` });
      return { status: response.status, id: (response.body as { id?: string }).id };
    });
    expect(tally(notes.map((n) => n.status))).toEqual({ 201: ROOM });
    const dots = await inWaves(ROOM, async (i) => {
      const target = notes[(i + 1) % ROOM].id!;
      return (await phones[i].post(`/api/canvases/join/${canvas.joinCode}/notes/${target}/dots`)).status;
    });
    expect(tally(dots)).toEqual({ 201: ROOM });

    // Registered delegates with their personal links: a delegates-only canvas and a ballot each.
    const delegates = await insertDelegates(t.db, ctx.event.id, ROOM);
    const delegatesCanvas = await newCanvas(t, ctx.event.id, ctx.organiser, { anonymous: false });
    const signedNotes = await inWaves(ROOM, async (i) => {
      const response = await request(t.app.getHttpServer())
        .post(`/api/canvases/join/${delegatesCanvas.joinCode}/notes`)
        .set(delegates[i].auth)
        .send({ section: 'values', text: `Delegate ${i}` });
      return response.status;
    });
    expect(tally(signedNotes)).toEqual({ 201: ROOM });
    const award = await newAward(t, ctx);
    const ballots = await inWaves(ROOM, async (i) => {
      const response = await t.http
        .post(`/api/awards/${award.id}/ballots`)
        .set(delegates[i].auth)
        .send({ nomineeId: award.nominees[i % award.nominees.length].id });
      return response.status;
    });
    expect(tally(ballots)).toEqual({ 201: ROOM });
  }, 240_000);
});
