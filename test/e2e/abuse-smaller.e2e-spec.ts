import { newAwardsEvent } from '../factories/awards.factory.js';
import { newCanvasContext, newParticipant } from '../factories/canvas.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const MISSES = 5;

/** Issue 22's smaller holes: closed canvases, join-code guessing, photo addresses. */
describe('smaller holes', () => {
  let t: TestApp;
  let venues = 0;
  const newVenue = () => `192.0.2.${++venues}`;

  beforeAll(async () => {
    t = await createTestApp({ joinCodeMissesPerMinute: MISSES, trustProxy: '127.0.0.1/8' });
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('a closed canvas is no longer readable by its code; its facilitators still have it', async () => {
    const { canvas, facilitator } = await newCanvasContext(t);
    const venue = newVenue();
    await t.http.get(`/api/canvases/join/${canvas.joinCode}`).set('x-forwarded-for', venue).expect(200);
    await t.http.post(`/api/canvases/${canvas.id}/close`).set(facilitator.auth).expect(200);
    expect((await t.http.get(`/api/canvases/join/${canvas.joinCode}`).set('x-forwarded-for', venue)).status).toBe(404);
    const page = await t.http.get(`/canvases/${canvas.joinCode}`).set('x-forwarded-for', venue);
    expect(page.status).toBe(404);
    expect(page.text).not.toContain('Building our movement');
    const stream = await t.http
      .get(`/api/canvases/${canvas.id}/stream?code=${canvas.joinCode}`)
      .set('x-forwarded-for', venue);
    expect(stream.status).toBe(404);
    await t.http.get(`/api/canvases/${canvas.id}`).set(facilitator.auth).expect(200);
    await t.http.get(`/api/canvases/${canvas.id}/export?format=json`).set(facilitator.auth).expect(200);
  });

  it('limits join-code guesses per guesser, right codes included once the guesses are used up', async () => {
    const { canvas } = await newCanvasContext(t);
    const venue = newVenue();
    const guess = (code: string) => t.http.get(`/api/canvases/join/${code}`).set('x-forwarded-for', venue);
    const statuses: number[] = [];
    for (let i = 0; i < MISSES; i++) statuses.push((await guess(`ZZZZ${'23456789'[i]}Z`)).status);
    expect(statuses).toEqual(Array<number>(MISSES).fill(404));
    // The next try waits, even with the right code: a guess cannot be confirmed.
    const blocked = await guess(canvas.joinCode);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await t.http.get(`/canvases/${canvas.joinCode}`).set('x-forwarded-for', venue)).status).toBe(429);
    // A phone at the same address with its own participant cookie is someone else.
    const phone = newParticipant(t).set('x-forwarded-for', newVenue());
    await phone.get(`/canvases/${canvas.joinCode}`).expect(200);
    await phone.set('x-forwarded-for', venue).get(`/api/canvases/join/${canvas.joinCode}`).expect(200);
  });

  it('takes a speaker photo address only as the URL parser writes it', async () => {
    const ctx = await newAwardsEvent(t);
    const created = await t.http
      .post(`/api/events/${ctx.event.id}/speakers`)
      .set(ctx.organiser.auth)
      .send({ name: 'Dr Ada Lovelace', photoUrl: ' HTTPS://Example.ORG/photos/ada lovelace"onerror=x.jpg ' })
      .expect(201);
    expect(created.body.photoUrl).toBe('https://example.org/photos/ada%20lovelace%22onerror=x.jpg');
    for (const photoUrl of ['https://user:secret@example.org/a.jpg', 'javascript:alert(1)', 'ftp://example.org/a.jpg']) {
      const refused = await t.http
        .post(`/api/events/${ctx.event.id}/speakers`)
        .set(ctx.organiser.auth)
        .send({ name: 'Dr Ada Lovelace', photoUrl });
      expect({ photoUrl, status: refused.status }).toEqual({ photoUrl, status: 400 });
    }
  });
});
