import { insertRegistration } from '../factories/db-fixtures.js';
import { Browser as StaffBrowser } from '../setup/staff-browser.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const eventForm = (overrides: Record<string, string> = {}) => ({
  title: 'Practice Network Annual Meeting',
  slug: '',
  venue: 'Town Hall',
  description: 'Two days of sessions',
  timezone: 'Europe/London',
  startsAt: '2031-06-04T09:00',
  endsAt: '2031-06-05T17:00',
  capacity: '120',
  ...overrides,
});

/** The events' staff pages: create, edit, team, publish / back to draft / cancel with a confirmation. */
describe('event pages for staff', () => {
  let t: TestApp;
  let organiser: StaffUser;
  let browser: StaffBrowser;
  beforeAll(async () => {
    t = await createTestApp();
    organiser = await newStaff(t, { name: 'Olive Organiser' });
    browser = new StaffBrowser(t);
    await browser.signIn(organiser);
  });
  afterAll(async () => {
    await t.close();
  });

  const eventIdFrom = (location: string): string => /\/staff\/events\/([0-9a-f-]{36})$/.exec(location)?.[1] ?? '';

  it('creates an event from the form, times read in its zone, and shows it on My events', async () => {
    await browser.get('/staff/events/new');
    const created = await browser.post('/staff/events/new', eventForm());
    expect(created.status).toBe(303);
    const id = eventIdFrom(created.headers.location);
    const [row] = await t.db.query<Array<{ starts_at: Date; status: string; slug: string }>>(
      'SELECT starts_at, status, slug FROM events WHERE id = $1',
      [id],
    );
    // 09:00 in London in June is 08:00 UTC.
    expect(row).toMatchObject({ status: 'draft', slug: 'practice-network-annual-meeting' });
    expect(new Date(row.starts_at).toISOString()).toBe('2031-06-04T08:00:00.000Z');
    const page = await browser.get(`/staff/events/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('The event has been created as a draft.');
    expect(page.text).toContain('Olive Organiser');
    expect((await browser.get('/staff')).text).toContain(`/staff/events/${id}`);
  });

  it('re-renders the form with messages beside the fields for bad input and refused rules (never JSON)', async () => {
    await browser.get('/staff/events/new');
    const bad = await browser.post('/staff/events/new', eventForm({ title: '', capacity: 'lots', startsAt: 'soon' }));
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/text\/html/);
    expect(bad.text).toContain('Enter a title of up to 200 characters');
    expect(bad.text).toContain('Enter the number of places');
    expect(bad.text).toContain('value="Town Hall"');
    const reversed = await browser.post('/staff/events/new', eventForm({ endsAt: '2031-06-03T09:00' }));
    expect(reversed.status).toBe(422);
    expect(reversed.text).toContain('startsAt must be before endsAt.');
    const zone = await browser.post('/staff/events/new', eventForm({ timezone: 'Mars/Olympus' }));
    expect(zone.status).toBe(422);
    expect(zone.text).toMatch(/id="timezone-error"/);
  });

  it('edits the details; a facilitator sees the event but cannot edit it or its team', async () => {
    await browser.get('/staff/events/new');
    const id = eventIdFrom((await browser.post('/staff/events/new', eventForm({ title: 'Edit Me' }))).headers.location);
    const edit = await browser.get(`/staff/events/${id}/edit`);
    expect(edit.text).toContain('value="2031-06-04T09:00"');
    const saved = await browser.post(`/staff/events/${id}/edit`, eventForm({ title: 'Edited', slug: 'edited-event' }));
    expect(saved.status).toBe(303);
    const [row] = await t.db.query('SELECT title, slug FROM events WHERE id = $1', [id]);
    expect(row).toEqual({ title: 'Edited', slug: 'edited-event' });

    const facilitator = await newStaff(t, { name: 'Fay Facilitator' });
    await browser.get(`/staff/events/${id}`);
    const added = await browser.post(`/staff/events/${id}/members`, { email: facilitator.email, role: 'facilitator' });
    expect(added.status).toBe(303);
    const theirs = new StaffBrowser(t);
    await theirs.signIn(facilitator);
    const view = await theirs.get(`/staff/events/${id}`);
    expect(view.status).toBe(200);
    expect(view.text).not.toContain('/edit');
    expect((await theirs.get(`/staff/events/${id}/edit`)).status).toBe(403);
    const tried = await theirs.post(`/staff/events/${id}/edit`, eventForm({ title: 'Mine' }));
    expect(tried.status).toBe(403);
    expect(tried.headers['content-type']).toMatch(/text\/html/);
    const [after] = await t.db.query('SELECT title FROM events WHERE id = $1', [id]);
    expect(after.title).toBe('Edited');
    // An unknown email is said beside the field; the last organiser cannot be removed.
    await browser.get(`/staff/events/${id}`);
    const unknown = await browser.post(`/staff/events/${id}/members`, {
      email: 'nobody@example.org',
      role: 'organiser',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('No staff account uses nobody@example.org');
    const last = await browser.post(`/staff/events/${id}/members/${organiser.id}/remove`, {});
    expect(last.status).toBe(409);
    expect(last.text).toMatch(/last organiser/);
    // Removing the facilitator ends their access at once.
    await browser.get(`/staff/events/${id}`);
    expect((await browser.post(`/staff/events/${id}/members/${facilitator.id}/remove`, {})).status).toBe(303);
    expect((await theirs.get(`/staff/events/${id}`)).status).toBe(403);
  });

  it('publish, back to draft and cancel go through a confirmation that says who is emailed', async () => {
    await browser.get('/staff/events/new');
    const id = eventIdFrom(
      (await browser.post('/staff/events/new', eventForm({ title: 'Status Walk' }))).headers.location,
    );
    const publish = await browser.get(`/staff/events/${id}/publish`);
    expect(publish.text).toContain('Nobody is emailed now.');
    expect((await browser.post(`/staff/events/${id}/publish`, {})).status).toBe(303);
    await insertRegistration(t.db, id, { status: 'confirmed' });
    await insertRegistration(t.db, id, { status: 'confirmed' });
    await insertRegistration(t.db, id, { status: 'waitlisted', waitlistSeq: '1' });
    const unpublish = await browser.get(`/staff/events/${id}/unpublish`);
    expect(unpublish.text).toContain('Nobody is emailed now.');
    const cancel = await browser.get(`/staff/events/${id}/cancel`);
    expect(cancel.text).toContain(
      '3 delegates are emailed that it is cancelled (2 with a place, 1 on the waiting list)',
    );
    // Nothing changes until the confirmation is sent.
    const [before] = await t.db.query('SELECT status FROM events WHERE id = $1', [id]);
    expect(before.status).toBe('published');
    const done = await browser.post(`/staff/events/${id}/cancel`, {});
    expect(done.status).toBe(303);
    const [after] = await t.db.query('SELECT status FROM events WHERE id = $1', [id]);
    expect(after.status).toBe('cancelled');
    const again = await browser.post(`/staff/events/${id}/publish`, {});
    expect(again.status).toBe(409);
    expect(again.text).toContain('cannot be published');
  });

  it('a status change posted without the CSRF token is refused and changes nothing', async () => {
    await browser.get('/staff/events/new');
    const id = eventIdFrom((await browser.post('/staff/events/new', eventForm({ title: 'Guarded' }))).headers.location);
    const forged = await browser.post(`/staff/events/${id}/publish`, {}, { csrf: false });
    expect(forged.status).toBe(403);
    const [row] = await t.db.query('SELECT status FROM events WHERE id = $1', [id]);
    expect(row.status).toBe('draft');
  });
});
