import { randomUUID } from 'node:crypto';
import { insertEvent, insertMember, insertRegistration, insertSession } from '../factories/db-fixtures.js';
import { newStaff } from '../factories/staff.factory.js';
import { Browser } from '../setup/staff-browser.js';
import { parseCsv } from '../setup/csv.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

async function setUp(t: TestApp, capacity = 100) {
  const organiser = await newStaff(t);
  const event = await insertEvent(t.db, { capacity });
  await insertMember(t.db, event.id, organiser.id, 'organiser');
  const browser = new Browser(t);
  await browser.signIn(organiser);
  return { organiser, event, browser, list: `/staff/events/${event.id}/delegates` };
}

describe('delegate pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists with counts, search (name, email, organisation), filters, pages and the CSV of the same filter', async () => {
    const { event, browser, list } = await setUp(t);
    const amara = await insertRegistration(t.db, event.id, {
      name: 'Amara Okafor',
      email: 'amara@northfield.example',
      organisation: 'Northfield Trust',
      checkedInAt: new Date(),
    });
    await insertRegistration(t.db, event.id, { name: 'Ben Ashby', organisation: 'Okaf Housing' });
    await insertRegistration(t.db, event.id, { name: 'Cara Cancelled', status: 'cancelled', cancelledAt: new Date() });
    await insertRegistration(t.db, event.id, { name: 'Wanda Wait', status: 'waitlisted', waitlistSeq: '1' });
    for (let i = 0; i < 55; i++)
      await insertRegistration(t.db, event.id, { name: `Zed ${String(i).padStart(2, '0')}` });

    const page = await browser.get(list);
    expect(page.status).toBe(200);
    const figures = [...page.text.matchAll(/<dt>([^<]+)<\/dt><dd>(\d+)<\/dd>/g)].map((m) => [m[1], Number(m[2])]);
    expect(figures).toEqual([
      ['Confirmed', 57],
      ['Waiting', 1],
      ['Cancelled', 1],
      ['Checked in', 1],
      ['Places left', 43],
    ]);
    expect(page.text).toContain('Showing 1 to 50 of 59');
    expect(page.text).toContain(`href="${list}?offset=50" rel="next"`);
    const second = await browser.get(`${list}?offset=50`);
    expect(second.text).toContain('Showing 51 to 59 of 59');
    expect(second.text).toContain(`href="${list}" rel="prev"`);

    const byOrganisation = await browser.get(`${list}?q=okaf`);
    expect(byOrganisation.text).toContain('Amara Okafor');
    expect(byOrganisation.text).toContain('Ben Ashby');
    expect(byOrganisation.text).toContain('Showing 1 to 2 of 2');
    expect((await browser.get(`${list}?q=amara%40northfield`)).text).toContain('Showing 1 to 1 of 1');
    const checkedIn = await browser.get(`${list}?checkedIn=true&status=&sessionId=`);
    expect(checkedIn.text).toContain('Showing 1 to 1 of 1');
    expect(checkedIn.text).toContain(`href="${list}/${amara.registration.id}"`);
    expect((await browser.get(`${list}?status=waitlisted`)).text).toContain('Waiting, number 1');

    const csvLink = /href="([^"]+export\.csv[^"]*)" download/.exec(byOrganisation.text)![1].replace(/&amp;/g, '&');
    expect(csvLink).toBe(`${list}/export.csv?q=okaf`);
    const csv = await browser.get(csvLink);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment/);
    const rows = parseCsv(csv.text);
    expect(rows.length).toBe(3); // the header and the two who match
  });

  it('one delegate: details, needs, workshops and their mail; erasure only after its confirmation step', async () => {
    const { event, browser, list } = await setUp(t);
    const { registration } = await insertRegistration(t.db, event.id, {
      name: 'Amara Okafor',
      email: 'amara@northfield.example',
      accessNeeds: 'Step-free access',
      dietaryNeeds: 'Vegetarian',
    });
    const workshop = await insertSession(t.db, event, { title: 'Tenancy law clinic' });
    await t.db.query(`INSERT INTO session_signups (session_id, registration_id, status) VALUES ($1, $2, 'confirmed')`, [
      workshop.id,
      registration.id,
    ]);
    const own = `${list}/${registration.id}`;
    const page = await browser.get(own);
    expect(page.status).toBe(200);
    for (const text of [
      'Amara Okafor',
      'amara@northfield.example',
      'Step-free access',
      'Vegetarian',
      'Tenancy law clinic',
    ]) {
      expect(page.text).toContain(text);
    }
    expect(page.text).toContain(`href="${own}/erase"`);

    const confirm = await browser.get(`${own}/erase`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Erase Amara Okafor’s personal data?');
    // Looking at the confirmation changes nothing.
    expect((await browser.get(own)).text).toContain('amara@northfield.example');

    const refused = await browser.post(`${own}/erase`, {}, { csrf: false });
    expect(refused.status).toBe(403);
    expect((await browser.get(own)).text).toContain('amara@northfield.example');

    const erased = await browser.post(`${own}/erase`, {});
    expect(erased.status).toBe(303);
    expect(erased.headers.location).toBe(list);
    expect((await browser.get(list)).text).toContain('The delegate’s personal data is erased.');
    const after = await browser.get(own);
    expect(after.text).not.toContain('amara@northfield.example');
    expect(after.text).not.toContain('Step-free access');
    expect(after.text).toContain('Personal data erased');
    expect(after.text).not.toContain(`href="${own}/erase"`);
  });

  it('fills free seats from the waiting list, in order', async () => {
    const { event, browser, list } = await setUp(t, 1);
    const first = await insertRegistration(t.db, event.id, {
      name: 'Wanda First',
      status: 'waitlisted',
      waitlistSeq: '1',
    });
    await insertRegistration(t.db, event.id, { name: 'Will Second', status: 'waitlisted', waitlistSeq: '2' });
    const page = await browser.get(list);
    expect(page.text).toContain('1 place is free and 2 people are waiting.');
    const filled = await browser.post(`${list}/fill-free-seats`, {});
    expect(filled.status).toBe(303);
    const [row] = await t.db.query<Array<{ status: string }>>('SELECT status FROM registrations WHERE id = $1', [
      first.registration.id,
    ]);
    expect(row.status).toBe('confirmed');
    const after = await browser.get(list);
    expect(after.text).toContain('Free seats went to the waiting list in order');
    expect(after.text).not.toContain('Fill free seats from the waiting list');
  });

  it('organisers only; bad input is a 400 page; another event’s delegate is not found', async () => {
    const { event, browser, list } = await setUp(t);
    const { registration } = await insertRegistration(t.db, event.id, { name: 'Amara Okafor' });
    const facilitator = await newStaff(t);
    await insertMember(t.db, event.id, facilitator.id, 'facilitator');
    const theirs = new Browser(t);
    await theirs.signIn(facilitator);
    for (const path of [list, `${list}/${registration.id}`, `${list}/export.csv`, `${list}/${registration.id}/erase`]) {
      expect((await theirs.get(path)).status).toBe(403);
      expect((await t.http.get(path)).status).toBe(303);
    }
    await theirs.get('/staff');
    expect((await theirs.post(`${list}/${registration.id}/erase`, {})).status).toBe(403);

    for (const bad of ['status=gone', 'checkedIn=maybe', 'sessionId=nope', 'offset=-1', `q=${'x'.repeat(201)}`]) {
      const answer = await browser.get(`${list}?${bad}`);
      expect(answer.status).toBe(400);
      expect(answer.headers['content-type']).toMatch(/text\/html/);
    }
    expect((await browser.get(`${list}/not-a-uuid`)).status).toBe(400);
    const other = await insertEvent(t.db);
    const stranger = await insertRegistration(t.db, other.id, { name: 'Somebody Else' });
    expect((await browser.get(`${list}/${stranger.registration.id}`)).status).toBe(404);
    expect((await browser.get(`${list}/${randomUUID()}`)).status).toBe(404);
    expect((await browser.post(`${list}/${stranger.registration.id}/erase`, {})).status).toBe(404);
  });
});
