import type { Response } from 'supertest';
import {
  insertAgency,
  insertEvent,
  insertMember,
  insertRegistration,
  insertSession,
} from '../factories/db-fixtures.js';
import { newStaff } from '../factories/staff.factory.js';
import type { Event } from '../../src/events/event.entity.js';
import { parseCsv } from '../setup/csv.js';
import { Browser } from '../setup/staff-browser.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const TOKEN_IN_LINK = /\/link-officer\/sign-in\/([A-Za-z0-9_-]{43})/;

/** The text of each cell of each body row of the table with this caption. */
function tableRows(html: string, caption: string): string[][] {
  const at = html.indexOf(`<caption>${caption}</caption>`);
  if (at === -1) throw new Error(`no table captioned "${caption}"`);
  const table = html.slice(at, html.indexOf('</table>', at));
  const body = table.slice(table.indexOf('<tbody>'));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
      cell[1]
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}

const rowOf = (rows: string[][], first: string): string[] | undefined => rows.find((row) => row[0] === first);

describe('agency report', () => {
  let t: TestApp;
  let organiser: Browser;
  let agencyA: string;
  let agencyB: string;
  let event: Event;
  let canvasId: string;

  const addAgency = (name: string, officer: string | null) => insertAgency(t.db, name, officer);

  const person = async (
    eventId: string,
    name: string,
    agencyId: string,
    status: 'confirmed' | 'waitlisted' | 'cancelled' = 'confirmed',
    door = false,
  ): Promise<string> => {
    const extra =
      status === 'waitlisted'
        ? { waitlistSeq: String(Date.now()) }
        : status === 'cancelled'
          ? { cancelledAt: new Date() }
          : {};
    const { registration } = await insertRegistration(t.db, eventId, { name, status, ...extra });
    await t.db.query(`UPDATE registrations SET agency_id = $2, checked_in_at = $3 WHERE id = $1`, [
      registration.id,
      agencyId,
      door ? new Date('2026-06-10T08:50:00Z') : null,
    ]);
    return registration.id;
  };

  const checkIn = (sessionId: string, registrationId: string) =>
    t.db.query(`INSERT INTO session_check_ins (session_id, registration_id, checked_in_at) VALUES ($1, $2, now())`, [
      sessionId,
      registrationId,
    ]);

  /** A delegate's answer as the feedback form writes it: a receipt, and an answer that names nobody. */
  const answer = async (sessionId: string, registrationId: string, questionId: string, rating: number) => {
    await t.db.query(
      `INSERT INTO feedback_receipts (round, subject_id, registration_id) VALUES ('immediate', $1, $2)`,
      [sessionId, registrationId],
    );
    await t.db.query(
      `INSERT INTO feedback_answers (event_id, session_id, round, ratings, practice) VALUES ($1, $2, 'immediate', $3, NULL)`,
      [event.id, sessionId, JSON.stringify({ [questionId]: rating })],
    );
  };

  const signInOfficer = async (email: string): Promise<Browser> => {
    const browser = new Browser(t);
    const before = t.mail.to(email).length;
    await browser.get('/link-officer/sign-in');
    expect((await browser.post('/link-officer/sign-in', { email })).status).toBe(303);
    const mail = await t.mail.waitForMessage(
      email,
      (m) => m.subject.includes('sign in') && t.mail.to(email).indexOf(m) >= before,
    );
    const token = TOKEN_IN_LINK.exec(mail.text)?.[1] ?? '';
    await browser.get(`/link-officer/sign-in/${token}`);
    expect((await browser.post(`/link-officer/sign-in/${token}`, {})).status).toBe(303);
    return browser;
  };

  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
    agencyA = await addAgency('Leeds City Council', 'officer-a@leeds.example');
    agencyB = await addAgency('Bradford Council', 'officer-b@bradford.example');
    const agencyC = await addAgency('Calderdale Council', null);

    event = await insertEvent(t.db, {
      title: 'Summer Practice Day',
      startsAt: new Date('2026-06-10T09:00:00Z'),
      endsAt: new Date('2026-06-10T17:00:00Z'),
    });
    // Places: 10 held for Leeds, Calderdale capped at 3 (nobody of it registered: its row shows all the same).
    await t.db.query(
      `INSERT INTO event_agency_places (event_id, agency_id, places, reserved) VALUES ($1, $2, 10, true), ($1, $3, 3, false)`,
      [event.id, agencyA, agencyC],
    );
    const staff = await newStaff(t);
    await insertMember(t.db, event.id, staff.id, 'organiser');
    organiser = new Browser(t);
    await organiser.signIn(staff);

    // A 90-minute workshop (its length counts), a keynote an organiser set to 30 minutes, a break.
    const workshop = await insertSession(t.db, event, {
      title: 'Workshop one',
      startsAt: new Date('2026-06-10T10:00:00Z'),
      endsAt: new Date('2026-06-10T11:30:00Z'),
    });
    const keynote = await insertSession(t.db, event, {
      title: 'Keynote two',
      kind: 'keynote',
      capacity: null,
      startsAt: new Date('2026-06-10T12:00:00Z'),
      endsAt: new Date('2026-06-10T13:00:00Z'),
    });
    const lunch = await insertSession(t.db, event, {
      title: 'Lunch',
      kind: 'break',
      capacity: null,
      startsAt: new Date('2026-06-10T13:00:00Z'),
      endsAt: new Date('2026-06-10T14:00:00Z'),
    });
    await t.db.query(
      `INSERT INTO session_cpd (session_id, event_id, cpd_minutes, room_code) VALUES ($1, $2, 30, 'KEYNTE')`,
      [keynote.id, event.id],
    );
    const [question] = await t.db.query<Array<{ id: string }>>(
      `INSERT INTO feedback_questions (event_id, position, text) VALUES ($1, 1, 'How useful was it?') RETURNING id`,
      [event.id],
    );

    // Leeds: six attend the workshop (two the keynote as well), one waits, one cancelled, and
    // the six answer the workshop's feedback. A name a spreadsheet would run as a formula.
    const leeds: string[] = [];
    for (const name of ['Ada Leeds', 'Ben Leeds', 'Cat Leeds', 'Dan Leeds', 'Eve Leeds', '=HYPERLINK("x")']) {
      leeds.push(await person(event.id, name, agencyA));
    }
    await person(event.id, 'Wendy Waiting', agencyA, 'waitlisted');
    await person(event.id, 'Colin Cancelled', agencyA, 'cancelled');
    for (const id of leeds) {
      await checkIn(workshop.id, id);
      await answer(workshop.id, id, question.id, 4);
    }
    await checkIn(keynote.id, leeds[0]);
    await checkIn(keynote.id, leeds[1]);
    await checkIn(lunch.id, leeds[0]);

    // Bradford: one checked in at the door and at the keynote (answering its feedback), one no-show.
    const bob = await person(event.id, 'Bob Bradford', agencyB, 'confirmed', true);
    await person(event.id, 'Nina Noshow', agencyB);
    await checkIn(keynote.id, bob);
    await answer(keynote.id, bob, question.id, 2);

    // The workshop's canvas: three notes, one hidden (the write-up leaves it out).
    const [canvas] = await t.db.query<Array<{ id: string }>>(
      `INSERT INTO canvases (event_id, session_id, title, sections, join_code)
       VALUES ($1, $2, 'Movement canvas', '[]', 'WXYZ23') RETURNING id`,
      [event.id, workshop.id],
    );
    canvasId = canvas.id;
    for (const [text, hidden] of [
      ['One', false],
      ['Two', false],
      ['Three', true],
    ] as const) {
      await t.db.query(
        `INSERT INTO canvas_notes (canvas_id, section_key, text, participant_key, hidden) VALUES ($1, 'values', $2, 'p:1', $3)`,
        [canvasId, text, hidden],
      );
    }

    // Last year's event: one of Leeds's people.
    const old = await insertEvent(t.db, {
      title: 'Old Meeting',
      startsAt: new Date('2025-05-01T09:00:00Z'),
      endsAt: new Date('2025-05-01T17:00:00Z'),
    });
    await person(old.id, 'Olga Oldtimer', agencyA, 'confirmed', true);
  });

  afterAll(async () => {
    await t.close();
  });

  const noStore = (response: Response) => expect(response.headers['cache-control']).toContain('no-store');

  it("shows organisers every agency side by side for a year, and each event's agencies", async () => {
    const page = await organiser.get('/staff/agencies/report?year=2026');
    expect(page.status).toBe(200);
    noStore(page);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.text).toContain('<h1>Agency report: 2026</h1>');

    const rows = tableRows(page.text, 'Every agency, 2026');
    // places allocated, places used, waiting, cancelled, attended, CPD hours, feedback forms
    expect(rowOf(rows, 'Leeds City Council')).toEqual([
      'Leeds City Council',
      '10 reserved',
      '6',
      '1',
      '1',
      '6',
      '10',
      '6',
    ]);
    expect(rowOf(rows, 'Bradford Council')).toEqual([
      'Bradford Council',
      '—',
      '2',
      '0',
      '0',
      '1',
      '0.5',
      'fewer than 5',
    ]);
    expect(rowOf(rows, 'Calderdale Council')).toEqual([
      'Calderdale Council',
      'up to 3',
      '0',
      '0',
      '0',
      '0',
      '0',
      'fewer than 5',
    ]);
    expect(page.text).toContain(`href="/staff/agencies/${agencyA}/report?year=2026"`);

    const byEvent = tableRows(page.text, 'Agencies at Summer Practice Day');
    expect(byEvent.map((row) => row[0])).toEqual(['Bradford Council', 'Calderdale Council', 'Leeds City Council']);
    expect(page.text).not.toContain('Old Meeting');
    // Names of delegates are not on the network's view.
    expect(page.text).not.toContain('Ada Leeds');
  });

  it('filters by year and by one event', async () => {
    const last = await organiser.get('/staff/agencies/report?year=2025');
    expect(last.status).toBe(200);
    expect(rowOf(tableRows(last.text, 'Every agency, 2025'), 'Leeds City Council')).toEqual([
      'Leeds City Council',
      '—',
      '1',
      '0',
      '0',
      '1',
      '0',
      'fewer than 5',
    ]);
    expect(rowOf(tableRows(last.text, 'Every agency, 2025'), 'Bradford Council')?.[2]).toBe('0');
    expect(last.text).toContain('Old Meeting');
    expect(last.text).not.toContain('Summer Practice Day');

    const one = await organiser.get(`/staff/agencies/report?event=${event.id}`);
    expect(one.status).toBe(200);
    expect(rowOf(tableRows(one.text, 'Every agency, Summer Practice Day'), 'Leeds City Council')?.[2]).toBe('6');
    expect(one.text).toContain('href="/staff/agencies/report?year=2026"');

    // A year typed wrong: the message beside the field, the text kept.
    const typed = await organiser.get('/staff/agencies/report?year=twenty');
    expect(typed.status).toBe(400);
    expect(typed.text).toContain('Enter a year from 2000 to 2100, like 2026.');
    expect(typed.text).toContain('value="twenty"');
    expect(typed.text).toContain('aria-invalid="true"');
    expect((await organiser.get('/staff/agencies/report?year=1999')).status).toBe(400);
    expect((await organiser.get('/staff/agencies/report.csv?year=1999')).status).toBe(400);
    expect((await organiser.get('/staff/agencies/report?event=not-an-id')).status).toBe(400);
    expect((await organiser.get('/staff/agencies/report?event=00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it("shows one agency's delegates, CPD hours, feedback with the under-5 suppression and the workshop's canvas", async () => {
    const page = await organiser.get(`/staff/agencies/${agencyA}/report?year=2026`);
    expect(page.status).toBe(200);
    noStore(page);
    expect(page.text).toContain('<h1>Leeds City Council: report for 2026</h1>');
    expect(rowOf(tableRows(page.text, 'Leeds City Council at each event, 2026'), 'Summer Practice Day')).toEqual([
      'Summer Practice Day',
      '10 reserved',
      '6',
      '1',
      '1',
      '6',
      '10',
      '6',
    ]);
    const people = tableRows(page.text, 'Delegates at Summer Practice Day');
    expect(rowOf(people, 'Ada Leeds')).toEqual(['Ada Leeds', 'Registered', 'Yes', '2', '2']);
    expect(rowOf(people, 'Ben Leeds')).toEqual(['Ben Leeds', 'Registered', 'Yes', '2', '2']);
    expect(rowOf(people, 'Cat Leeds')).toEqual(['Cat Leeds', 'Registered', 'Yes', '1', '1.5']);
    expect(rowOf(people, 'Wendy Waiting')).toEqual(['Wendy Waiting', 'Waiting list', 'No', '0', '0']);
    expect(rowOf(people, 'Colin Cancelled')?.[1]).toBe('Cancelled');
    expect(page.text).not.toContain('Bob Bradford');

    const feedback = tableRows(
      page.text,
      'Feedback on Summer Practice Day and the sessions the agency’s delegates attended',
    );
    expect(feedback).toEqual([
      ['The whole event', 'fewer than 5', 'No ratings yet.'],
      ['Workshop one', '6', 'How useful was it?: 4.0 out of 5'],
      // One answer (Bradford's): not broken down.
      ['Keynote two', 'fewer than 5', 'No ratings yet.'],
    ]);
    expect(page.text).toContain('Movement canvas (Workshop one): 2 notes');
    expect(page.text).toContain(`href="/staff/events/${event.id}/canvases/${canvasId}/write-up"`);

    const bradford = await organiser.get(`/staff/agencies/${agencyB}/report?year=2026`);
    expect(bradford.status).toBe(200);
    expect(rowOf(tableRows(bradford.text, 'Bradford Council at each event, 2026'), 'Summer Practice Day')).toEqual([
      'Summer Practice Day',
      '—',
      '2',
      '0',
      '0',
      '1',
      '0.5',
      'fewer than 5',
    ]);
    const theirs = tableRows(
      bradford.text,
      'Feedback on Summer Practice Day and the sessions the agency’s delegates attended',
    );
    expect(theirs.map((row) => row[0])).toEqual(['The whole event', 'Keynote two']);
    expect(bradford.text).not.toContain('Ada Leeds');
    expect(bradford.text).not.toContain('Movement canvas');

    expect((await organiser.get('/staff/agencies/00000000-0000-4000-8000-000000000000/report')).status).toBe(404);
  });

  it('gives the network view and an agency as CSV, not stored, formulas kept as text', async () => {
    const network = await organiser.get('/staff/agencies/report.csv?year=2026');
    expect(network.status).toBe(200);
    expect(network.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(network.headers['content-disposition']).toBe('attachment; filename="agency-report-2026.csv"');
    noStore(network);
    const records = parseCsv(network.text);
    expect(records[0]).toEqual([
      'agency',
      'event',
      'event starts',
      'places allocated',
      'places used',
      'waiting',
      'cancelled',
      'attended',
      'CPD hours',
      'feedback forms',
    ]);
    expect(records).toContainEqual([
      'Leeds City Council',
      'Summer Practice Day',
      '2026-06-10',
      '10 reserved',
      '6',
      '1',
      '1',
      '6',
      '10',
      '6',
    ]);
    expect(records).toContainEqual([
      'Bradford Council',
      'Summer Practice Day',
      '2026-06-10',
      '',
      '2',
      '0',
      '0',
      '1',
      '0.5',
      'fewer than 5',
    ]);
    expect(records).toContainEqual([
      'Leeds City Council',
      'All events of 2026',
      '',
      '10 reserved',
      '6',
      '1',
      '1',
      '6',
      '10',
      '6',
    ]);

    const agency = await organiser.get(`/staff/agencies/${agencyA}/report.csv?year=2026`);
    expect(agency.status).toBe(200);
    expect(agency.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(agency.headers['content-disposition']).toBe('attachment; filename="agency-report-2026.csv"');
    noStore(agency);
    const people = parseCsv(agency.text);
    expect(people[0]).toEqual([
      'agency',
      'event',
      'event starts',
      'name',
      'place',
      'attended',
      'sessions attended',
      'CPD hours',
    ]);
    expect(people).toContainEqual([
      'Leeds City Council',
      'Summer Practice Day',
      '2026-06-10',
      'Ada Leeds',
      'Registered',
      'Yes',
      '2',
      '2',
    ]);
    expect(people.map((row) => row[3])).toContain(`'=HYPERLINK("x")`);
    expect(people.map((row) => row[3])).not.toContain('Bob Bradford');
    expect(people).toHaveLength(1 + 8);
  });

  it("lets a link officer see their own agency's report only", async () => {
    const officer = await signInOfficer('officer-a@leeds.example');
    const home = await officer.get('/link-officer');
    expect(home.text).toContain(`href="/link-officer/agencies/${agencyA}/report"`);

    const page = await officer.get(`/link-officer/agencies/${agencyA}/report?year=2026`);
    expect(page.status).toBe(200);
    noStore(page);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(rowOf(tableRows(page.text, 'Delegates at Summer Practice Day'), 'Ada Leeds')?.[2]).toBe('Yes');
    expect(page.text).toContain('Movement canvas (Workshop one): 2 notes');
    // The write-up and the network's view are staff pages: no links to them here.
    expect(page.text).not.toContain('/write-up');
    expect(page.text).not.toContain('/staff/agencies/report');

    const csv = await officer.get(`/link-officer/agencies/${agencyA}/report.csv?year=2026`);
    expect(csv.status).toBe(200);
    noStore(csv);
    expect(parseCsv(csv.text).map((row) => row[3])).toContain('Ada Leeds');

    expect((await officer.get(`/link-officer/agencies/${agencyB}/report?year=2026`)).status).toBe(404);
    expect((await officer.get(`/link-officer/agencies/${agencyB}/report.csv?year=2026`)).status).toBe(404);
    // Nor the organisers' pages: a link officer is no staff member.
    expect((await officer.get('/staff/agencies/report')).status).toBe(303);
  });

  it('sends anonymous callers to sign in and refuses staff who organise no event', async () => {
    const anonymous = new Browser(t);
    for (const path of ['/staff/agencies/report', `/staff/agencies/${agencyA}/report.csv`]) {
      const response = await anonymous.get(path);
      expect(response.status).toBe(303);
      expect(response.headers.location).toContain('/staff/sign-in');
    }
    const officerPage = await anonymous.get(`/link-officer/agencies/${agencyA}/report`);
    expect(officerPage.status).toBe(303);
    expect(officerPage.headers.location).toBe('/link-officer/sign-in');

    const facilitator = await newStaff(t);
    await insertMember(t.db, event.id, facilitator.id, 'facilitator');
    const staff = new Browser(t);
    await staff.signIn(facilitator);
    expect((await staff.get('/staff/agencies/report?year=2026')).status).toBe(403);
    expect((await staff.get('/staff/agencies/report.csv?year=2026')).status).toBe(403);
    const refused = await staff.get(`/staff/agencies/${agencyA}/report?year=2026`);
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain('Ada Leeds');
  });
});
