import request from 'supertest';
import { randomBytes } from 'node:crypto';
import { newCanvasContext, newParticipant, postNote } from '../factories/canvas.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const NOTE_LIMIT = 5;
const COOKIE_CAP = 4;

/** A cookie of the right shape that the server never signed. */
const madeUpCookie = () =>
  `plenary_participant=${randomBytes(16).toString('base64url')}.${randomBytes(32).toString('base64url')}`;

const statusesOf = (responses: Array<{ status: number }>) => responses.map((r) => r.status);
const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

let venues = 0;
/** A client address of its own (through the trusted proxy), so each test has its own budgets. */
const newVenue = () => `198.51.100.${++venues}`;

/**
 * Limits keyed on who is acting count a key only once it is verified. The address is the TCP
 * peer unless TRUST_PROXY names the proxy: most tests run behind a trusted loopback "proxy" so
 * each can be a venue of its own.
 */
describe('limits nobody can dodge', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ rateLimitCanvasNotes: NOTE_LIMIT, trustProxy: '127.0.0.1/8' });
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('ignores X-Forwarded-For by default: every made-up address is still one client', async () => {
    const direct = await createTestApp({ rateLimitCanvasNotes: NOTE_LIMIT });
    try {
      const { canvas } = await newCanvasContext(direct);
      const statuses: number[] = [];
      for (let i = 0; i < NOTE_LIMIT * 2; i++) {
        const response = await direct.http
          .post(`/api/canvases/join/${canvas.joinCode}/notes`)
          .set('X-Forwarded-For', `203.0.113.${i + 1}`)
          .set('Cookie', madeUpCookie())
          .send({ section: 'values', text: `spoofed ${i}` });
        statuses.push(response.status);
      }
      expect(count(statuses, 201)).toBe(NOTE_LIMIT);
      expect(count(statuses, 429)).toBe(NOTE_LIMIT);
    } finally {
      await direct.close();
    }
  });

  it('behind a trusted proxy, believes only the hop the proxy added', async () => {
    const { canvas } = await newCanvasContext(t);
    const venue = newVenue();
    const statuses: number[] = [];
    for (let i = 0; i < NOTE_LIMIT * 2; i++) {
      const response = await t.http
        .post(`/api/canvases/join/${canvas.joinCode}/notes`)
        .set('X-Forwarded-For', `203.0.113.${i + 1}, ${venue}`)
        .send({ section: 'values', text: `spoofed ${i}` });
      statuses.push(response.status);
    }
    expect(count(statuses, 201)).toBe(NOTE_LIMIT);
    expect(count(statuses, 429)).toBe(NOTE_LIMIT);
  });

  it('made-up participant cookies cannot post more notes than the limit', async () => {
    const { canvas } = await newCanvasContext(t);
    const venue = newVenue();
    const responses = await Promise.all(
      Array.from({ length: NOTE_LIMIT * 3 }, (_, i) =>
        t.http
          .post(`/api/canvases/join/${canvas.joinCode}/notes`)
          .set('X-Forwarded-For', venue)
          .set('Cookie', madeUpCookie())
          .send({ section: 'values', text: `forged ${i}` }),
      ),
    );
    const statuses = statusesOf(responses);
    expect(count(statuses, 201)).toBeLessThanOrEqual(NOTE_LIMIT);
    expect(count(statuses, 429)).toBeGreaterThanOrEqual(NOTE_LIMIT * 2);
    expect(statuses.every((s) => s === 201 || s === 429)).toBe(true);
  });

  it('cookie-less dot-votes on one note stop at one person’s dots', async () => {
    const { canvas } = await newCanvasContext(t, { dotsPerPerson: 3, anonymous: true });
    const venue = newVenue();
    const author = newParticipant(t).set('X-Forwarded-For', venue);
    await author.get(`/canvases/${canvas.joinCode}`).expect(200);
    const note = await postNote(author, canvas.joinCode, { text: 'Dot me' });
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        t.http.post(`/api/canvases/join/${canvas.joinCode}/notes/${note.id}/dots`).set('X-Forwarded-For', venue),
      ),
    );
    expect(count(statusesOf(responses), 201)).toBe(3);
    const view = await author.get(`/api/canvases/join/${canvas.joinCode}`).expect(200);
    const notes = (view.body as { sections: Array<{ notes: Array<{ id: string; dots: number }> }> }).sections.flatMap(
      (s) => s.notes,
    );
    expect(notes.find((n) => n.id === note.id)?.dots).toBe(3);
    // A phone that opened the page has dots of its own.
    const phone = newParticipant(t).set('X-Forwarded-For', venue);
    await phone.get(`/canvases/${canvas.joinCode}`).expect(200);
    await phone.post(`/api/canvases/join/${canvas.joinCode}/notes/${note.id}/dots`).expect(201);
  });

  it('caps the new participant cookies one address is given', async () => {
    const local = await createTestApp({ participantCookiesPerAddress: COOKIE_CAP });
    try {
      const { canvas } = await newCanvasContext(local);
      const given: boolean[] = [];
      for (let i = 0; i < COOKIE_CAP + 2; i++) {
        const page = await request(local.app.getHttpServer()).get(`/canvases/${canvas.joinCode}`).expect(200);
        given.push(String(page.headers['set-cookie'] ?? '').includes('plenary_participant='));
      }
      expect(given).toEqual([...Array<boolean>(COOKIE_CAP).fill(true), false, false]);
      // Posting needs a participant: past the cap a newcomer is told to wait, a phone with its cookie is not.
      const refused = await local.http
        .post(`/api/canvases/join/${canvas.joinCode}/notes`)
        .send({ section: 'values', text: 'no cookie' });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    } finally {
      await local.close();
    }
  });

  it('takes X-Forwarded-For from a proxy TRUST_PROXY names, and only then', async () => {
    const { canvas } = await newCanvasContext(t);
    // Each venue behind the trusted proxy has its own unverified budget.
    const statuses: number[] = [];
    for (const venue of [newVenue(), newVenue(), newVenue()]) {
      for (let i = 0; i < NOTE_LIMIT; i++) {
        const response = await t.http
          .post(`/api/canvases/join/${canvas.joinCode}/notes`)
          .set('X-Forwarded-For', venue)
          .send({ section: 'values', text: `${venue} note ${i}` });
        statuses.push(response.status);
      }
    }
    expect(count(statuses, 429)).toBe(0);
  });
});
