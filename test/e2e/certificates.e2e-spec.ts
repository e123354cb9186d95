import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Response } from 'supertest';
import { insertEvent, insertMember, insertRegistration, insertSession } from '../factories/db-fixtures.js';
import { newStaff } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const MINUTE = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const binary = (res: Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

/** The PDF's text, page by page, as a reader would extract it. */
async function pdfText(pdf: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: true }).promise;
  const parts: string[] = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const content = await (await doc.getPage(n)).getTextContent();
    parts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return parts.join('\n').replace(/\s+/g, ' ');
}

describe('CPD certificates', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
  });
  afterAll(async () => {
    await t.close();
  });

  async function setUp(start = new Date('2026-06-04T08:00:00Z')) {
    const organiser = await newStaff(t);
    const event = await insertEvent(t.db, {
      title: 'Practice Forum',
      startsAt: start,
      endsAt: new Date(start.getTime() + 9 * 60 * MINUTE),
      venue: 'Town Hall',
    });
    await insertMember(t.db, event.id, organiser.id, 'organiser');
    const keynote = await insertSession(t.db, event, {
      title: 'Opening keynote',
      kind: 'keynote',
      startsAt: new Date(start.getTime() + 60 * MINUTE),
      endsAt: new Date(start.getTime() + 150 * MINUTE),
      capacity: null,
    });
    const talk = await insertSession(t.db, event, {
      title: 'Safeguarding in practice',
      kind: 'talk',
      startsAt: new Date(start.getTime() + 180 * MINUTE),
      endsAt: new Date(start.getTime() + 240 * MINUTE),
      capacity: null,
    });
    const amara = await insertRegistration(t.db, event.id, { name: 'Amara Okafor', email: 'amara@example.org' });
    await t.db.query(
      `INSERT INTO session_check_ins (session_id, registration_id, checked_in_at) VALUES ($1, $2, now())`,
      [keynote.id, amara.registration.id],
    );
    return { organiser, event, keynote, talk, amara };
  }

  const download = (token: string) => t.http.get(`/r/${token}/certificate.pdf`).buffer(true).parse(binary);

  it('names the delegate, event, dates, sessions and hours, with a code its public page confirms', async () => {
    const { amara, talk } = await setUp();
    const response = await download(amara.token);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    const text = await pdfText(response.body as Buffer);
    expect(text).toContain('Amara Okafor');
    expect(text).toContain('Practice Forum');
    expect(text).toContain('Thursday 4 June 2026');
    expect(text).toContain('Opening keynote');
    expect(text).toContain('Total: 1.5 hours');
    const code = /Verification code ([A-Z0-9]{12})/.exec(text)![1];
    expect(text).toContain(`http://plenary.test/certificates/${code}`);

    const page = await t.http.get(`/certificates/${code}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('This certificate is genuine.');
    expect(page.text).toContain('Amara Okafor');
    expect(page.text).toContain('Practice Forum');
    expect(page.text).toContain('1.5 hours');
    expect(page.text).not.toContain('amara@example.org');
    expect(page.text).not.toContain('Opening keynote');

    // Downloading again with the same attendance keeps the code.
    expect(await pdfText((await download(amara.token)).body as Buffer)).toContain(code);

    // Attendance changes: a new certificate, and the old code says it was revoked.
    await t.db.query(
      `INSERT INTO session_check_ins (session_id, registration_id, checked_in_at) VALUES ($1, $2, now())`,
      [talk.id, amara.registration.id],
    );
    const reissued = await pdfText((await download(amara.token)).body as Buffer);
    expect(reissued).toContain('Total: 2.5 hours');
    const newCode = /Verification code ([A-Z0-9]{12})/.exec(reissued)![1];
    expect(newCode).not.toBe(code);
    expect((await t.http.get(`/certificates/${code}`)).text).toContain('This certificate was revoked');
    expect((await t.http.get(`/certificates/${newCode}`)).text).toContain('2.5 hours');
    expect((await t.http.get('/certificates/NOTACODE')).status).toBe(404);
  });

  it('no longer verifies once the delegate is erased', async () => {
    const { organiser, event, amara } = await setUp();
    const code = /Verification code ([A-Z0-9]{12})/.exec(
      await pdfText((await download(amara.token)).body as Buffer),
    )![1];
    expect((await t.http.get(`/certificates/${code}`)).status).toBe(200);
    await t.http
      .post(`/api/events/${event.id}/registrations/${amara.registration.id}/erase`)
      .set(organiser.auth)
      .expect((res) => expect(res.status).toBeLessThan(300));
    const after = await t.http.get(`/certificates/${code}`);
    expect(after.status).toBe(404);
    expect(after.text).toContain('There is no certificate with this code.');
    expect(after.text).not.toContain('Amara');
  });

  it('offers no certificate before anything was attended', async () => {
    const { event } = await setUp();
    const ben = await insertRegistration(t.db, event.id);
    expect((await t.http.get(`/r/${ben.token}/certificate.pdf`)).status).toBe(404);
  });

  it('goes out as a PDF with the follow-up email to those who attended, and not to the others', async () => {
    const { organiser, event, amara } = await setUp(new Date(Date.now() + 60 * MINUTE));
    const ben = await insertRegistration(t.db, event.id, { name: 'Ben Absent', email: 'ben.absent@example.org' });
    await t.http
      .put(`/api/events/${event.id}/reminder-rules`)
      .set(organiser.auth)
      .send([{ after: 'P1D' }])
      .expect(200);
    const followUps = async () =>
      (
        await t.db.query<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM notifications WHERE event_id = $1 AND kind = 'reminder'`,
          [event.id],
        )
      )[0].n;
    for (let tries = 0; (await followUps()) < 2 && tries < 100; tries += 1) await sleep(100);
    await t.db.query(`UPDATE notifications SET send_at = now() WHERE event_id = $1 AND kind = 'reminder'`, [event.id]);

    const mail = await t.mail.waitForMessage(amara.registration.email, (m) => m.subject.includes('Thank you'));
    const pdf = mail.attachments.find((a) => a.mimeType === 'application/pdf');
    expect(pdf?.filename).toMatch(/^cpd-certificate-[A-Z0-9]{12}\.pdf$/);
    const text = await pdfText(pdf!.bytes);
    expect(text).toContain('Amara Okafor');
    expect(text).toContain('Opening keynote');
    const code = /Verification code ([A-Z0-9]{12})/.exec(text)![1];
    expect(mail.text).toContain(`Your CPD certificate for 1.5 hours is attached`);
    expect(mail.text).toContain(`http://plenary.test/certificates/${code}`);
    expect((await t.http.get(`/certificates/${code}`)).text).toContain('This certificate is genuine.');

    const absent = await t.mail.waitForMessage(ben.registration.email, (m) => m.subject.includes('Thank you'));
    expect(absent.attachments.some((a) => a.mimeType === 'application/pdf')).toBe(false);
    expect(absent.text).not.toContain('CPD certificate');
  });
});
