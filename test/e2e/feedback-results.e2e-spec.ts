import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { insertEvent, insertMember, insertSession } from '../factories/db-fixtures.js';
import { newStaff } from '../factories/staff.factory.js';
import { Browser } from '../setup/staff-browser.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const MINUTE = 60_000;

/** Reads a binary response whole (supertest leaves unknown types unparsed). */
const binary = (res: Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('feedback results', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
  });
  afterAll(async () => {
    await t.close();
  });

  /** A plenary answered by 6 (speaker Priya), a workshop by 4 (speaker Sam), the event by 5. */
  async function setUp() {
    const now = Date.now();
    const organiser = await newStaff(t);
    const event = await insertEvent(t.db, {
      title: 'Practice Forum',
      startsAt: new Date(now - 5 * 60 * MINUTE),
      endsAt: new Date(now + 60 * MINUTE),
    });
    await insertMember(t.db, event.id, organiser.id, 'organiser');
    const plenary = await insertSession(t.db, event, { title: 'Big plenary', kind: 'keynote', capacity: null });
    const workshop = await insertSession(t.db, event, { title: 'Small workshop', kind: 'workshop' });
    const [priya] = await t.db.query<Array<{ id: string }>>(
      `INSERT INTO speakers (event_id, name) VALUES ($1, 'Priya Shah') RETURNING id`,
      [event.id],
    );
    const [sam] = await t.db.query<Array<{ id: string }>>(
      `INSERT INTO speakers (event_id, name) VALUES ($1, 'Sam Lee') RETURNING id`,
      [event.id],
    );
    await t.db.query(`INSERT INTO session_speakers (session_id, speaker_id) VALUES ($1, $2), ($3, $4)`, [
      plenary.id,
      priya.id,
      workshop.id,
      sam.id,
    ]);
    const browser = new Browser(t);
    await browser.signIn(organiser);
    expect((await browser.get(`/staff/events/${event.id}/feedback`)).status).toBe(200);
    const questions = await t.db.query<Array<{ id: string }>>(
      'SELECT id FROM feedback_questions WHERE event_id = $1 ORDER BY position',
      [event.id],
    );
    const answer = (sessionId: string | null, rating: number, practice: string | null) =>
      t.db.query(
        `INSERT INTO feedback_answers (event_id, session_id, round, ratings, practice) VALUES ($1, $2, 'immediate', $3, $4)`,
        [event.id, sessionId, JSON.stringify(Object.fromEntries(questions.map((q) => [q.id, rating]))), practice],
      );
    for (const rating of [5, 5, 4, 4, 3, 3]) await answer(plenary.id, rating, `Plenary idea ${rating}`);
    for (const rating of [1, 2, 2, 5]) await answer(workshop.id, rating, 'TRACEABLE workshop remark');
    for (const rating of [4, 4, 4, 4, 4]) await answer(null, rating, null);
    return { event, plenary, workshop, priya, sam, browser };
  }

  it('shows averages, distributions and comments, and nothing but "fewer than 5 responses" below five', async () => {
    const { event, browser } = await setUp();
    const page = await browser.get(`/staff/events/${event.id}/feedback/results`);
    expect(page.status).toBe(200);
    const plenary = page.text.slice(page.text.indexOf('Big plenary'), page.text.indexOf('Small workshop'));
    expect(plenary).toContain('6 responses');
    expect(plenary).toContain('Average 4.0');
    expect(plenary).toContain('Plenary idea 5');
    const workshop = page.text.slice(page.text.indexOf('Small workshop'));
    expect(workshop.slice(0, workshop.indexOf('</section>'))).toContain('fewer than 5 responses');
    expect(page.text).not.toContain('TRACEABLE');
    expect(page.text).not.toContain('4 responses');
    // The event's own form has exactly five.
    expect(page.text).toContain('5 responses');
    // Speakers: Priya's sessions have 6, Sam's 4.
    const sam = page.text.slice(page.text.lastIndexOf('Sam Lee <span'));
    expect(sam.slice(0, sam.indexOf('</section>'))).toContain('fewer than 5 responses');
  });

  it('exports CSV and XLSX with the same suppression', async () => {
    const { event, browser } = await setUp();
    const csv = await browser.get(`/staff/events/${event.id}/feedback/results.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain('"Session","Small workshop","Feedback","fewer than 5 responses"');
    expect(csv.text).toContain('"Speaker","Sam Lee","Feedback","fewer than 5 responses"');
    expect(csv.text).toContain(
      '"Session","Big plenary","Feedback","6","The session met its aims","4","0","0","2","2","2",""',
    );
    expect(csv.text).toContain('Plenary idea 3');
    expect(csv.text).not.toContain('TRACEABLE');

    const xlsx = await t.http
      .get(`/staff/events/${event.id}/feedback/results.xlsx`)
      .set('Cookie', browser.cookie)
      .buffer(true)
      .parse(binary);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as never);
    const rows: string[] = [];
    workbook.getWorksheet('Feedback')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).join('|')));
    expect(rows).toContain('Session|Small workshop|Feedback|fewer than 5 responses||||||||');
    expect(rows).toContain('Session|Big plenary|Feedback|6|The session met its aims|4|0|0|2|2|2|');
    expect(rows.join('\n')).not.toContain('TRACEABLE');
  });

  it('gives a speaker their own sessions’ results through a secret link that sends no Referer', async () => {
    const { event, priya, sam, browser } = await setUp();
    await browser.get(`/staff/events/${event.id}/feedback/results`);
    const made = await browser.post(`/staff/events/${event.id}/feedback/results/speakers/${sam.id}/link`, {});
    expect(made.status).toBe(200);
    const samLink = /http:\/\/plenary\.test(\/feedback-results\/[A-Za-z0-9_-]{43})/.exec(made.text)![1];
    const samPage = await t.http.get(samLink);
    expect(samPage.status).toBe(200);
    expect(samPage.headers['referrer-policy']).toBe('no-referrer');
    expect(samPage.headers['cache-control']).toBe('no-store');
    expect(samPage.text).toContain('Small workshop');
    expect(samPage.text).toContain('fewer than 5 responses');
    expect(samPage.text).not.toContain('TRACEABLE');
    expect(samPage.text).not.toContain('Big plenary');

    const priyaMade = await browser.post(`/staff/events/${event.id}/feedback/results/speakers/${priya.id}/link`, {});
    const priyaLink = /http:\/\/plenary\.test(\/feedback-results\/[A-Za-z0-9_-]{43})/.exec(priyaMade.text)![1];
    const priyaPage = await t.http.get(priyaLink);
    expect(priyaPage.text).toContain('6 responses');
    expect(priyaPage.text).toContain('Plenary idea 4');
    expect(priyaPage.text).not.toContain('Small workshop');

    // A new link replaces the old one; a made-up one finds nothing.
    await browser.post(`/staff/events/${event.id}/feedback/results/speakers/${priya.id}/link`, {});
    expect((await t.http.get(priyaLink)).status).toBe(404);
    expect((await t.http.get('/feedback-results/not-a-token')).status).toBe(404);
    // Another event's speaker cannot be given a link here.
    const other = await insertEvent(t.db);
    const [stranger] = await t.db.query<Array<{ id: string }>>(
      `INSERT INTO speakers (event_id, name) VALUES ($1, 'Elsewhere') RETURNING id`,
      [other.id],
    );
    expect(
      (await browser.post(`/staff/events/${event.id}/feedback/results/speakers/${stranger.id}/link`, {})).status,
    ).toBe(404);
  });
});
