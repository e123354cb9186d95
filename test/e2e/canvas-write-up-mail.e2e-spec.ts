import { randomUUID } from 'node:crypto';
import { insertEvent, insertMember, insertRegistration } from '../factories/db-fixtures.js';
import { newCanvas, newParticipant, postNote } from '../factories/canvas.factory.js';
import { newStaff } from '../factories/staff.factory.js';
import { Browser } from '../setup/staff-browser.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { WriteUpMailKeys } from '../../src/canvas/write-up-mail.js';

/** Without the stable key each press writes fresh rows. Only for the control run. */
class FreshKeyEveryPress extends WriteUpMailKeys {
  override keyFor(canvasId: string, registrationId: string): string {
    return `canvas-write-up:${canvasId}:${registrationId}:${randomUUID()}`;
  }
}

const PRESSES = 12;

/** An event, two facilitators signed in, an anonymous canvas with 3 delegates (one posts twice) and a cookie phone. */
async function world(t: TestApp) {
  const event = await insertEvent(t.db);
  const [first, second] = [await newStaff(t), await newStaff(t)];
  await insertMember(t.db, event.id, first.id, 'facilitator');
  await insertMember(t.db, event.id, second.id, 'facilitator');
  const canvas = await newCanvas(t, event.id, first, { anonymous: true });
  const delegates = [];
  for (let i = 0; i < 3; i++) {
    const delegate = await insertRegistration(t.db, event.id, { name: `Person ${i}` });
    delegates.push(delegate);
    await t.http
      .post(`/api/canvases/join/${canvas.joinCode}/notes`)
      .set(delegate.auth)
      .send({ section: 'values', text: `Idea from delegate ${i}` })
      .expect(201);
  }
  await t.http
    .post(`/api/canvases/join/${canvas.joinCode}/notes`)
    .set(delegates[0].auth)
    .send({ section: 'values', text: 'A second idea' })
    .expect(201);
  await postNote(newParticipant(t), canvas.joinCode, { text: 'From a phone without identity' });
  const walls = [new Browser(t), new Browser(t)];
  await walls[0].signIn(first);
  await walls[1].signIn(second);
  const path = `/staff/events/${event.id}/canvases/${canvas.id}/email-write-up`;
  await walls[0].get(path);
  await walls[1].get(path);
  return { event, canvas, delegates, walls, path };
}

const rowsOf = async (t: TestApp, canvasId: string) =>
  t.db.query<Array<{ recipient: string; registration_id: string }>>(
    `SELECT recipient, registration_id FROM notifications WHERE kind = 'canvas-write-up' AND data->>'canvasId' = $1`,
    [canvasId],
  );

describe('emailing the write-up to the delegates who posted', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('says how many people will be emailed, then writes one row per delegate however many presses race', async () => {
    const { canvas, delegates, walls, path } = await world(t);
    const confirm = await walls[0].get(path);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('to 3 people');
    expect(confirm.text).toContain('Email 3 people');

    const presses = await Promise.all(
      Array.from({ length: PRESSES }, (_, i) => walls[i % 2].post(path, {})),
    );
    expect(presses.map((r) => r.status)).toEqual(Array(PRESSES).fill(303));

    const rows = await rowsOf(t, canvas.id);
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.registration_id))).toEqual(new Set(delegates.map((d) => d.registration.id)));

    // Each gets their own email, naming nobody else; the write-up carries the notes and dots.
    for (const delegate of delegates) {
      const mail = await t.mail.waitForMessage(delegate.registration.email, (m) => m.subject.includes('Write-up'), 30_000);
      expect(mail.to).toEqual([delegate.registration.email]);
      expect(mail.text).toContain('Idea from delegate 2');
      expect(mail.text).toContain('From a phone without identity');
      expect(mail.text).toContain('0 dots');
      for (const other of delegates.filter((d) => d !== delegate)) {
        expect(mail.text).not.toContain(other.registration.email);
        expect(mail.text).not.toContain(other.registration.name);
      }
    }

    await walls[0].post(path, {});
    expect(await rowsOf(t, canvas.id)).toHaveLength(3);
  });

  it('refuses a press without the form’s CSRF token and writes nothing', async () => {
    const { canvas, walls, path } = await world(t);
    const refused = await walls[0].post(path, {}, { csrf: false });
    expect(refused.status).toBe(403);
    expect(await rowsOf(t, canvas.id)).toHaveLength(0);
  });
});

describe('control run: the same presses with a key that differs on every press', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({}, { swap: [{ provide: WriteUpMailKeys, useClass: FreshKeyEveryPress }] });
  });
  afterAll(() => t.close());

  it('writes a delegate’s email more than once, so the test above can see a duplicate', async () => {
    const { canvas, walls, path } = await world(t);
    await Promise.all(Array.from({ length: PRESSES }, (_, i) => walls[i % 2].post(path, {})));
    const rows = await rowsOf(t, canvas.id);
    expect(rows.length).toBeGreaterThan(3);
  });
});
