import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { addSession, newEvent, publishEvent, type EventBody } from '../factories/events.factory.js';
import { insertRegistration } from '../factories/db-fixtures.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/** Raw bytes as they go on the wire (Fastify's inject does not decode a Content-Encoding). */
async function get(t: TestApp, url: string, headers: Record<string, string> = {}) {
  const response = await t.app.inject({ method: 'GET', url, headers });
  return { status: response.statusCode, headers: response.headers, bytes: response.rawPayload };
}

const varies = (headers: { vary?: string | string[] | number }) =>
  [headers.vary ?? '']
    .flat()
    .join(',')
    .toLowerCase()
    .split(',')
    .map((v) => v.trim())
    .includes('accept-encoding');

describe('compressed responses', () => {
  let t: TestApp;
  let organiser: StaffUser;
  let event: EventBody;

  beforeAll(async () => {
    t = await createTestApp();
    organiser = await newStaff(t);
    event = await newEvent(t, organiser);
    // Enough sessions for an agenda well above the compression threshold.
    for (let i = 0; i < 12; i += 1) {
      await addSession(t, organiser, event, {
        offsetHours: i,
        title: `Session ${i} on the future of the network`,
        abstract: 'An hour on what members asked for at the last meeting, and what comes next. '.repeat(3),
      });
    }
    await publishEvent(t, organiser, event.id);
  });

  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['agenda JSON', () => `/api/events/${event.id}/agenda`],
    ['iCalendar feed', () => `/api/events/${event.id}/agenda.ics`],
    ['agenda page', () => `/events/${event.slug}`],
  ])('the cached %s goes pre-compressed by Accept-Encoding, one ETag for every coding', async (_name, url) => {
    const plain = await get(t, url(), { 'accept-encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(varies(plain.headers)).toBe(true);

    const br = await get(t, url(), { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(varies(br.headers)).toBe(true);
    expect(brotliDecompressSync(br.bytes).equals(plain.bytes)).toBe(true);
    expect(br.bytes.length * 3).toBeLessThan(plain.bytes.length);

    const gzip = await get(t, url(), { 'accept-encoding': 'br;q=0, gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.bytes).equals(plain.bytes)).toBe(true);

    expect(new Set([plain, br, gzip].map((r) => r.headers.etag)).size).toBe(1);
    const revalidated = await get(t, url(), {
      'accept-encoding': 'br',
      'if-none-match': String(br.headers.etag),
    });
    expect(revalidated.status).toBe(304);
    expect(revalidated.bytes.length).toBe(0);
    expect(varies(revalidated.headers)).toBe(true);
  });

  it('compresses other responses above the threshold on the fly, and leaves small ones alone', async () => {
    const docs = await get(t, '/docs-json', { 'accept-encoding': 'br' });
    expect(docs.status).toBe(200);
    expect(docs.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(docs.bytes).toString())).toHaveProperty('openapi');

    const health = await get(t, '/health', { 'accept-encoding': 'br' });
    expect(health.headers['content-encoding']).toBeUndefined();
  });

  it('a streamed export stays streamed while compressed', async () => {
    for (let i = 0; i < 40; i += 1) await insertRegistration(t.db, event.id, { name: `Delegate number ${i}` });
    const csv = await get(t, `/api/events/${event.id}/registrations?format=csv`, {
      'accept-encoding': 'gzip',
      authorization: organiser.auth.Authorization,
    });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-encoding']).toBe('gzip');
    expect(csv.headers['content-length']).toBeUndefined();
    expect(gunzipSync(csv.bytes).toString()).toContain('Delegate number 39');
  });
});
