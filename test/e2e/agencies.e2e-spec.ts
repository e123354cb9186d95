import { randomUUID } from 'node:crypto';
import { Agencies1767000500000 } from '../../src/platform/database/migrations/1767000500000-agencies.js';
import { MIGRATIONS } from '../../src/platform/database/migrations/index.js';
import { insertEvent, insertMember, insertRegistration } from '../factories/db-fixtures.js';
import { newStaff } from '../factories/staff.factory.js';
import { Browser } from '../setup/staff-browser.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const HEADER = 'name,aliases,region,link_officer_email\n';
const CSV =
  HEADER +
  '"Leeds City Council","Leeds CC; LCC",Yorkshire,lo@leeds.example\n' +
  'Age UK Leeds,,Yorkshire,\n' +
  'leeds city council.,Leeds Council,,\n';

describe('member agencies', () => {
  let t: TestApp;
  let organiser: Browser;

  const agencyRows = () =>
    t.db.query<Array<{ name: string; aliases: string[]; region: string | null; link_officer_email: string | null }>>(
      `SELECT name, aliases, region, link_officer_email FROM agencies ORDER BY name`,
    );
  const agencyOf = async (registrationId: string) =>
    (
      await t.db.query<Array<{ agency_id: string | null; organisation: string | null }>>(
        `SELECT agency_id, organisation FROM registrations WHERE id = $1`,
        [registrationId],
      )
    )[0];

  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
    const staff = await newStaff(t);
    const event = await insertEvent(t.db);
    await insertMember(t.db, event.id, staff.id, 'organiser');
    organiser = new Browser(t);
    await organiser.signIn(staff);
  });
  afterAll(async () => {
    await t.close();
  });

  it('the migration keys the free text of an already seeded database, and an import then links what it names', async () => {
    const event = await insertEvent(t.db);
    const typed = await insertRegistration(t.db, event.id, { organisation: ' leeds  CC.' });
    const other = await insertRegistration(t.db, event.id, { organisation: 'Unheard Of Trust' });
    await t.db.query(`UPDATE registrations SET organisation_key = NULL`);
    const runner = t.db.createQueryRunner();
    try {
      // Later migrations may hang on the agencies: they come down first (newest first) and go back up after.
      const later = MIGRATIONS.slice(MIGRATIONS.indexOf(Agencies1767000500000) + 1).map((Migration) => new Migration());
      for (const migration of [...later].reverse()) await migration.down(runner);
      await new Agencies1767000500000().down(runner);
      await new Agencies1767000500000().up(runner);
      for (const migration of later) await migration.up(runner);
    } finally {
      await runner.release();
    }
    const keys = await t.db.query<Array<{ organisation_key: string }>>(
      `SELECT organisation_key FROM registrations WHERE id = ANY ($1) ORDER BY organisation_key`,
      [[typed.registration.id, other.registration.id]],
    );
    expect(keys.map((row) => row.organisation_key)).toEqual(['leeds cc', 'unheard of trust']);

    // Check: the plan, with the duplicate line merged, and nothing written.
    await organiser.get('/staff/agencies/import');
    const check = await organiser.post('/staff/agencies/import', { csv: CSV, action: 'check' });
    expect(check.status).toBe(200);
    expect(check.text).toContain('2 new agencies');
    expect(check.text).toContain('Line 4 is Leeds City Council again (line 2): merged.');
    expect(check.text).toContain('Apply these changes');
    expect(await agencyRows()).toEqual([]);

    const apply = await organiser.post('/staff/agencies/import', { csv: CSV, action: 'apply' });
    expect(apply.status).toBe(303);
    expect(await agencyRows()).toEqual([
      { name: 'Age UK Leeds', aliases: [], region: 'Yorkshire', link_officer_email: null },
      {
        name: 'Leeds City Council',
        aliases: ['Leeds CC', 'LCC', 'Leeds Council'],
        region: 'Yorkshire',
        link_officer_email: 'lo@leeds.example',
      },
    ]);
    const [leeds] = await t.db.query<Array<{ id: string }>>(
      `SELECT id FROM agencies WHERE name = 'Leeds City Council'`,
    );
    expect((await agencyOf(typed.registration.id)).agency_id).toBe(leeds.id);
    expect((await agencyOf(other.registration.id)).agency_id).toBeNull();

    // The report of what matched nothing, and an organiser mapping it.
    const unmatched = await organiser.get('/staff/agencies/unmatched');
    expect(unmatched.status).toBe(200);
    expect(unmatched.text).toContain('Unheard Of Trust');
    expect(unmatched.text).not.toContain('leeds  CC.');
    const mapped = await organiser.post('/staff/agencies/unmatched', {
      organisation: 'Unheard Of Trust',
      agencyId: leeds.id,
    });
    expect(mapped.status).toBe(303);
    expect((await agencyOf(other.registration.id)).agency_id).toBe(leeds.id);
    expect((await organiser.get('/staff/agencies/unmatched')).text).toContain(
      'Every organisation typed at registration',
    );

    // An organisation that is an agency of its own; once it is one, adding it again is refused.
    const newcomer = await insertRegistration(t.db, event.id, { organisation: 'Brand New Collective' });
    expect((await organiser.post('/staff/agencies/unmatched', { organisation: 'Brand New Collective' })).status).toBe(
      400,
    );
    const added = await organiser.post('/staff/agencies/unmatched', {
      organisation: 'Brand New Collective',
      add: 'new',
    });
    expect(added.status).toBe(303);
    const [collective] = await t.db.query<Array<{ id: string }>>(
      `SELECT id FROM agencies WHERE name = 'Brand New Collective'`,
    );
    expect((await agencyOf(newcomer.registration.id)).agency_id).toBe(collective.id);
    const twice = await organiser.post('/staff/agencies/unmatched', {
      organisation: 'brand new collective',
      add: 'new',
    });
    expect(twice.status).toBe(409);
    await t.db.query(`DELETE FROM agencies WHERE id = $1`, [collective.id]);

    // Applying the same file again changes nothing.
    const again = await organiser.post('/staff/agencies/import', { csv: CSV, action: 'check' });
    expect(again.text).toContain('0 new agencies');
    expect(again.text).toContain('2 unchanged');
  });

  it('refuses the whole file for one bad line, naming each bad line, and writes nothing', async () => {
    const before = await agencyRows();
    const bad = `${HEADER}New Trust,,,\n,,North,\nAnother,,,not-an-address\nThird,Leeds CC,,\n`;
    for (const action of ['check', 'apply']) {
      const response = await organiser.post('/staff/agencies/import', { csv: bad, action });
      expect(response.status).toBe(422);
      expect(response.text).toContain('Nothing was imported');
      expect(response.text).toContain('Line 3: the name is empty.');
      expect(response.text).toContain('Line 4: &quot;not-an-address&quot; is not an email address.');
      expect(response.text).not.toContain('Apply these changes');
    }
    const conflict = await organiser.post('/staff/agencies/import', {
      csv: `${HEADER}Third,Leeds CC,,\n`,
      action: 'apply',
    });
    expect(conflict.status).toBe(422);
    expect(conflict.text).toContain('Line 2: the alias &quot;Leeds CC&quot; already names Leeds City Council.');
    expect(await agencyRows()).toEqual(before);
    expect((await organiser.post('/staff/agencies/import', { csv: '', action: 'check' })).status).toBe(400);
    expect(
      (await organiser.post('/staff/agencies/import', { csv: CSV, action: 'check' }, { csrf: false })).status,
    ).toBe(403);
  });

  it('offers the agencies at registration; a chosen or typed agency counts as one for the per-organisation cap', async () => {
    const event = await insertEvent(t.db, { capacity: 10, perOrganisationCap: 2 });
    const [leeds] = await t.db.query<Array<{ id: string }>>(
      `SELECT id FROM agencies WHERE name = 'Leeds City Council'`,
    );
    const page = await t.http.get(`/events/${event.slug}/register`).expect(200);
    expect(page.text).toContain('<option value="">My organisation is not listed</option>');
    expect(page.text).toContain(`<option value="${leeds.id}">Leeds City Council (Yorkshire)</option>`);
    const agencies = await t.http.get('/api/agencies').expect(200);
    expect(agencies.body).toContainEqual({
      id: leeds.id,
      name: 'Leeds City Council',
      aliases: expect.any(Array),
      region: 'Yorkshire',
    });
    expect(JSON.stringify(agencies.body)).not.toContain('lo@leeds.example');

    const register = (email: string, extra: Record<string, string>) =>
      t.http.post(`/api/events/${event.id}/registrations`).send({ name: 'Delegate', email, consent: true, ...extra });
    await register('one@leeds.example', { agencyId: leeds.id }).expect(202);
    await register('two@leeds.example', { organisation: 'LCC' }).expect(202);
    await register('three@leeds.example', { organisation: 'Leeds City Council.' }).expect(202);
    await register('four@else.example', { organisation: 'Somewhere Else' }).expect(202);
    await register('five@else.example', { agencyId: randomUUID() }).expect(422);
    await register('six@else.example', { agencyId: 'not-a-uuid' }).expect(400);

    const rows = await t.db.query<Array<{ email: string; status: string; organisation: string; same: boolean }>>(
      `SELECT email, status, organisation, agency_id = $2 AS same FROM registrations WHERE event_id = $1 ORDER BY created_at`,
      [event.id, leeds.id],
    );
    expect(rows).toEqual([
      { email: 'one@leeds.example', status: 'confirmed', organisation: 'Leeds City Council', same: true },
      { email: 'two@leeds.example', status: 'confirmed', organisation: 'LCC', same: true },
      { email: 'three@leeds.example', status: 'waitlisted', organisation: 'Leeds City Council.', same: true },
      { email: 'four@else.example', status: 'confirmed', organisation: 'Somewhere Else', same: null },
    ]);

    // The page form: choosing an agency without JavaScript.
    const form = await t.http
      .post(`/events/${event.slug}/register`)
      .set({ origin: t.config.appUrl })
      .type('form')
      .send({ name: 'Page Person', email: 'page@leeds.example', agencyId: leeds.id, organisation: '', consent: 'yes' });
    expect(form.status).toBe(303);
    const unknown = await t.http
      .post(`/events/${event.slug}/register`)
      .set({ origin: t.config.appUrl })
      .type('form')
      .send({ name: 'Page Person', email: 'page2@leeds.example', agencyId: randomUUID(), consent: 'yes' });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('not on the network’s list');
  });

  it('lets an organiser edit an agency, refusing a name another agency goes by', async () => {
    const [age] = await t.db.query<Array<{ id: string }>>(`SELECT id FROM agencies WHERE name = 'Age UK Leeds'`);
    const edit = `/staff/agencies/${age.id}/edit`;
    expect((await organiser.get(edit)).status).toBe(200);
    const saved = await organiser.post(edit, {
      name: 'Age UK Leeds',
      aliases: 'AUKL; Age UK (Leeds)',
      kind: 'voluntary',
      region: '',
      active: 'yes',
    });
    expect(saved.status).toBe(303);
    const [row] = await t.db.query<Array<{ aliases: string[]; kind: string; region: null; active: boolean }>>(
      `SELECT aliases, kind, region, active FROM agencies WHERE id = $1`,
      [age.id],
    );
    expect(row).toEqual({ aliases: ['AUKL', 'Age UK (Leeds)'], kind: 'voluntary', region: null, active: true });
    const taken = await organiser.post(edit, {
      name: 'Age UK Leeds',
      aliases: 'LCC',
      kind: '',
      region: '',
      active: 'yes',
    });
    expect(taken.status).toBe(409);
    expect(taken.text).toContain('Another agency already goes by');
    expect((await organiser.post(edit, { name: '', active: 'yes' })).status).toBe(400);
    expect((await organiser.post(edit, { name: 'X', kind: 'castle' })).status).toBe(400);
    expect((await organiser.get(`/staff/agencies/${randomUUID()}/edit`)).status).toBe(404);
    const list = await organiser.get('/staff/agencies');
    expect(list.text).toContain('Voluntary organisation');
  });

  it('keeps the list to organisers: staff who organise no event are refused', async () => {
    const staff = await newStaff(t);
    const event = await insertEvent(t.db);
    await insertMember(t.db, event.id, staff.id, 'facilitator');
    const facilitator = new Browser(t);
    await facilitator.signIn(staff);
    expect((await facilitator.get('/staff/agencies')).status).toBe(403);
    expect((await t.http.get('/staff/agencies')).status).toBe(303);
  });
});
