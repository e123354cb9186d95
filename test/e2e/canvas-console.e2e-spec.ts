import ExcelJS from 'exceljs';
import type { AddressInfo } from 'node:net';
import { insertEvent, insertMember } from '../factories/db-fixtures.js';
import { newCanvas, newParticipant, postNote } from '../factories/canvas.factory.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { Browser } from '../setup/staff-browser.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

interface PublicCanvas {
  status: string;
  writePrivately: boolean;
  hideAuthors: boolean;
  timer: { label: string | null; endsAt: string } | null;
  sections: Array<{ key: string; notes: Array<{ id: string; text: string; authorName: string | null }> }>;
}

describe('canvas console and facilitator wall (pages and API)', () => {
  let t: TestApp;
  let facilitator: StaffUser;
  let outsider: StaffUser;
  let eventId: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    const event = await insertEvent(t.db);
    eventId = event.id;
    facilitator = await newStaff(t);
    outsider = await newStaff(t);
    await insertMember(t.db, event.id, facilitator.id, 'facilitator');
    browser = new Browser(t);
    await browser.signIn(facilitator);
  });
  afterAll(() => t.close());

  const publicView = async (code: string): Promise<PublicCanvas> =>
    (await t.http.get(`/api/canvas-join/${code}`).expect(200)).body as PublicCanvas;
  const notesOf = (view: PublicCanvas, key: string) => view.sections.find((s) => s.key === key)!.notes;
  const wallOf = (canvasId: string) => `/staff/events/${eventId}/canvases/${canvasId}`;

  it('creates a canvas from the console with its own sections, named, and lists it with its code', async () => {
    const page = await browser.get(`/staff/events/${eventId}/canvases`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Movement Building Canvas');
    expect(page.text).toContain('Shared values'); // the template's preview
    const created = await browser.post(`/staff/events/${eventId}/canvases`, {
      title: 'Our retro',
      sections: 'Went well: What went well?\nTo change',
      named: 'yes',
      dotsPerPerson: '5',
    });
    expect(created.status).toBe(303);
    const canvasId = /canvases\/([0-9a-f-]{36})$/.exec(created.headers.location)![1];
    const row = await t.db.query<Array<{ anonymous: boolean; dots_per_person: number; sections: unknown }>>(
      `SELECT anonymous, dots_per_person, sections FROM canvases WHERE id = $1`,
      [canvasId],
    );
    expect(row[0]).toMatchObject({ anonymous: false, dots_per_person: 5 });
    expect(row[0].sections).toEqual([
      { key: 'went-well', title: 'Went well', prompt: 'What went well?' },
      { key: 'to-change', title: 'To change', prompt: '' },
    ]);
    const list = await browser.get(`/staff/events/${eventId}/canvases`);
    const code = (
      (await t.http.get(`/api/events/${eventId}/canvases`).set(facilitator.auth).expect(200)).body as Array<{
        id: string;
        joinCode: string;
      }>
    ).find((c) => c.id === canvasId)!.joinCode;
    expect(list.text).toContain(code);
  });

  it('refuses a bad form in place (400) and creates nothing', async () => {
    const before = await t.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM canvases WHERE event_id = $1`,
      [eventId],
    );
    const bad = await browser.post(`/staff/events/${eventId}/canvases`, { title: '', dotsPerPerson: 'lots' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Give the canvas a title');
    expect(bad.text).toContain('Dots per person: a whole number');
    const sameSections = await browser.post(`/staff/events/${eventId}/canvases`, {
      title: 'Twice',
      sections: 'Ideas\nIdeas',
      dotsPerPerson: '3',
    });
    expect(sameSections.status).toBe(422);
    const after = await t.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM canvases WHERE event_id = $1`,
      [eventId],
    );
    expect(after[0].n).toBe(before[0].n);
  });

  it('refuses a form without its CSRF token, and another staff member or event', async () => {
    const canvas = await newCanvas(t, eventId, facilitator);
    expect((await browser.post(`${wallOf(canvas.id)}/close`, {}, { csrf: false })).status).toBe(403);
    const other = new Browser(t);
    await other.signIn(outsider);
    expect((await other.get(wallOf(canvas.id))).status).toBe(403);
    const otherEvent = await insertEvent(t.db);
    await insertMember(t.db, otherEvent.id, facilitator.id, 'facilitator');
    expect((await browser.get(`/staff/events/${otherEvent.id}/canvases/${canvas.id}`)).status).toBe(404);
    expect((await t.http.get(`/api/canvas-join/${canvas.joinCode}`)).body.status).toBe('open');
  });

  it('moderates from the wall without JavaScript: move, hide, unhide, cluster, rename, merge with its originals', async () => {
    const canvas = await newCanvas(t, eventId, facilitator);
    const phone = newParticipant(t);
    const a = await postNote(phone, canvas.joinCode, { text: 'Fairness' });
    const b = await postNote(phone, canvas.joinCode, { text: 'Fair pay' });
    await browser.get(wallOf(canvas.id));
    const note = (id: string) => `${wallOf(canvas.id)}/notes/${id}`;

    expect((await browser.post(note(a.id), { section: 'purpose' })).status).toBe(303);
    expect(notesOf(await publicView(canvas.joinCode), 'purpose').map((n) => n.text)).toEqual(['Fairness']);
    expect((await browser.post(note(a.id), { section: 'nowhere' })).status).toBe(422);
    expect((await browser.post(note(a.id), { hidden: 'maybe' })).status).toBe(400);
    expect((await browser.post(note(a.id), {})).status).toBe(400);

    await browser.post(note(a.id), { hidden: 'yes' });
    expect(notesOf(await publicView(canvas.joinCode), 'purpose')).toEqual([]);
    await browser.post(note(a.id), { hidden: 'no' });
    await browser.post(note(a.id), { section: 'values' });

    await browser.post(note(a.id), { cluster: 'Justice' });
    await browser.post(note(b.id), { cluster: 'Justice' });
    expect((await browser.post(`${wallOf(canvas.id)}/clusters`, { from: 'Justice', to: 'Fair shares' })).status).toBe(
      303,
    );
    expect((await browser.post(`${wallOf(canvas.id)}/clusters`, { from: 'Nothing', to: 'x' })).status).toBe(422);

    expect((await browser.post(note(b.id), { mergedInto: a.id })).status).toBe(303);
    const wall = await browser.get(wallOf(canvas.id));
    expect(wall.text).toContain('Merged from 1 note');
    expect(wall.text).toContain('Fair pay');
    expect(wall.text).toContain('Cluster: Fair shares');
    const shown = notesOf(await publicView(canvas.joinCode), 'values');
    expect(shown.map((n) => n.text)).toEqual(['Fairness']);
  });

  it('closes posting: the phone says so and a note is refused; reopening takes notes again', async () => {
    const canvas = await newCanvas(t, eventId, facilitator);
    await browser.get(wallOf(canvas.id));
    expect((await browser.post(`${wallOf(canvas.id)}/close`, {})).status).toBe(303);
    const phonePage = await t.http.get(`/canvases/${canvas.joinCode}`).expect(404);
    expect(phonePage.text).toContain('the facilitator has stopped taking notes');
    expect(phonePage.text).not.toContain('id="note-form"');
    await newParticipant(t)
      .post(`/api/canvas-join/${canvas.joinCode}/notes`)
      .send({ section: 'values', text: 'Late' })
      .expect(423);
    const noJs = await newParticipant(t)
      .post(`/canvases/${canvas.joinCode}/notes`)
      .set('Origin', 'http://plenary.test')
      .type('form')
      .send({ section: 'values', text: 'Late' });
    expect(noJs.status).toBe(423);
    expect(noJs.text).toContain('stopped taking notes');
    await browser.post(`${wallOf(canvas.id)}/reopen`, {});
    await postNote(newParticipant(t), canvas.joinCode, { text: 'Back' });
  });

  it('runs a timer that every screen reads, and refuses a bad one', async () => {
    const canvas = await newCanvas(t, eventId, facilitator);
    await browser.get(wallOf(canvas.id));
    expect((await browser.post(`${wallOf(canvas.id)}/timer`, { minutes: '4', label: 'Write' })).status).toBe(303);
    const view = await publicView(canvas.joinCode);
    expect(view.timer?.label).toBe('Write');
    const left = Date.parse(view.timer!.endsAt) - Date.now();
    expect(left).toBeGreaterThan(3 * 60_000);
    expect(left).toBeLessThanOrEqual(4 * 60_000);
    expect((await t.http.get(`/canvases/${canvas.joinCode}`)).text).toContain('Write: until');
    expect((await browser.post(`${wallOf(canvas.id)}/timer`, { minutes: '999' })).status).toBe(400);
    await t.http.post(`/api/canvases/${canvas.id}/timer`).set(facilitator.auth).send({ minutes: -1 }).expect(400);
    await t.http.post(`/api/canvases/${canvas.id}/timer`).set(facilitator.auth).send({ minutes: 0 }).expect(200);
    expect((await publicView(canvas.joinCode)).timer).toBeNull();
  });

  it('writes privately, then reveals a section; hides names on the screens', async () => {
    const canvas = await newCanvas(t, eventId, facilitator);
    await browser.get(wallOf(canvas.id));
    await browser.post(`${wallOf(canvas.id)}/facilitation`, { writePrivately: 'yes' });
    await postNote(newParticipant(t), canvas.joinCode, { text: 'Quiet thought', authorName: 'Ada' });
    await postNote(newParticipant(t), canvas.joinCode, { section: 'people', text: 'Still private' });
    expect(notesOf(await publicView(canvas.joinCode), 'values')).toEqual([]);
    expect((await t.http.get(`/canvases/${canvas.joinCode}/wall`)).text).not.toContain('Quiet thought');
    expect((await browser.get(wallOf(canvas.id))).text).toContain('Quiet thought'); // the facilitator sees it

    expect((await browser.post(`${wallOf(canvas.id)}/reveal`, { section: 'values', revealed: 'yes' })).status).toBe(
      303,
    );
    const revealed = await publicView(canvas.joinCode);
    expect(notesOf(revealed, 'values').map((n) => [n.text, n.authorName])).toEqual([['Quiet thought', 'Ada']]);
    expect(notesOf(revealed, 'people')).toEqual([]);
    expect((await browser.post(`${wallOf(canvas.id)}/reveal`, { section: 'nope' })).status).toBe(422);
    await t.http.post(`/api/canvases/${canvas.id}/reveal`).set(facilitator.auth).send({}).expect(400);

    await browser.post(`${wallOf(canvas.id)}/facilitation`, { hideAuthors: 'yes' });
    expect(notesOf(await publicView(canvas.joinCode), 'values')[0].authorName).toBeNull();
    expect((await t.http.get(`/canvases/${canvas.joinCode}/wall`)).text).not.toContain('Ada');
    expect((await browser.post(`${wallOf(canvas.id)}/facilitation`, {})).status).toBe(400);
    await t.http
      .patch(`/api/canvases/${canvas.id}/facilitation`)
      .set(facilitator.auth)
      .send({ hideAuthors: 'x' })
      .expect(400);
  });

  it('the public stream carries held notes without their text, and the reveal', async () => {
    const canvas = await newCanvas(t, eventId, facilitator);
    await t.http
      .patch(`/api/canvases/${canvas.id}/facilitation`)
      .set(facilitator.auth)
      .send({ writePrivately: true })
      .expect(200);
    const note = await postNote(newParticipant(t), canvas.joinCode, { text: 'Secret until reveal' });
    await t.http
      .post(`/api/canvases/${canvas.id}/reveal`)
      .set(facilitator.auth)
      .send({ section: 'values' })
      .expect(200);
    const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const abort = new AbortController();
    const response = await fetch(`${base}/api/canvases/${canvas.id}/stream?code=${canvas.joinCode}&lastEventId=0`, {
      signal: abort.signal,
    });
    let text = '';
    for await (const chunk of response.body!) {
      text += Buffer.from(chunk).toString('utf8');
      if (text.includes('canvas.facilitation') && text.split('canvas.facilitation').length > 2) break;
    }
    abort.abort();
    const created = /event: note\.created\ndata: (.*)\n/.exec(text)![1];
    expect(JSON.parse(created)).toEqual({ note: { id: note.id, hidden: true } });
    expect(text).not.toContain('Secret until reveal');
  });

  it('exports each format from the page, and prints a write-up with clusters and dots', async () => {
    const canvas = await newCanvas(t, eventId, facilitator);
    const phone = newParticipant(t);
    const a = await postNote(phone, canvas.joinCode, { text: 'Solidarity' });
    await phone.post(`/api/canvas-join/${canvas.joinCode}/notes/${a.id}/dots`).send({}).expect(201);
    await t.http
      .patch(`/api/canvases/${canvas.id}/notes/${a.id}`)
      .set(facilitator.auth)
      .send({ cluster: 'Core' })
      .expect(200);
    const get = (format: string) =>
      t.http
        .get(`${wallOf(canvas.id)}/export?format=${format}`)
        .set('Cookie', browser.cookie)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
    const csv = await get('csv');
    expect(csv.status).toBe(200);
    expect((csv.body as Buffer).toString('utf8')).toContain('Solidarity');
    const json = JSON.parse(((await get('json')).body as Buffer).toString('utf8')) as unknown;
    expect(JSON.stringify(json)).toContain('Solidarity');
    expect(((await get('md')).body as Buffer).toString('utf8')).toContain('Solidarity');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await get('xlsx')).body as never);
    expect(workbook.worksheets[0].getRow(2).values).toContain('Solidarity');
    expect((await get('pdf')).status).toBe(400);

    const writeUp = await browser.get(`${wallOf(canvas.id)}/write-up`);
    expect(writeUp.status).toBe(200);
    expect(writeUp.text).toContain('Core');
    expect(writeUp.text).toContain('Solidarity');
    expect(writeUp.text).toContain('1 dot');
  });

  it('shows the presenter view with the join code and a QR code of the join link', async () => {
    const canvas = await newCanvas(t, eventId, facilitator);
    const page = await browser.get(`${wallOf(canvas.id)}/presenter`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(canvas.joinCode);
    expect(page.text).toMatch(/<svg[^>]*viewBox/);
  });

  it('the API lists, times, reveals and renames for facilitators only, with 4xx on bad input', async () => {
    const canvas = await newCanvas(t, eventId, facilitator);
    await t.http.get(`/api/events/${eventId}/canvases`).set(outsider.auth).expect(403);
    await t.http.post(`/api/canvases/${canvas.id}/timer`).set(outsider.auth).send({ minutes: 1 }).expect(403);
    await t.http
      .post(`/api/canvases/${canvas.id}/clusters/rename`)
      .set(facilitator.auth)
      .send({ from: '' })
      .expect(400);
    const note = await postNote(newParticipant(t), canvas.joinCode, { text: 'One' });
    await t.http
      .patch(`/api/canvases/${canvas.id}/notes/${note.id}`)
      .set(facilitator.auth)
      .send({ cluster: 'A' })
      .expect(200);
    const renamed = await t.http
      .post(`/api/canvases/${canvas.id}/clusters/rename`)
      .set(facilitator.auth)
      .send({ from: 'A', to: '' })
      .expect(200);
    expect(renamed.body).toEqual({ renamed: 1 });
  });
});
