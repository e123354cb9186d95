import { awardBody, newAwardsEvent } from '../factories/awards.factory.js';
import { insertAgency, insertRegistration } from '../factories/db-fixtures.js';
import type { StaffUser } from '../factories/staff.factory.js';
import { Browser } from '../setup/staff-browser.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const SIGN_IN_LINK = /\/link-officer\/sign-in\/([A-Za-z0-9_-]{43})/;
const PERSONAL_LINK = /\/r\/([A-Za-z0-9_-]{43})/;

/**
 * A link officer acting for their agency's colleagues: registering them (each gets their own
 * personal link by email), passing a held place from one colleague to another, nominating one
 * for an award. Another agency's people are not there for them.
 */
describe('a link officer acts for colleagues', () => {
  let t: TestApp;
  let organiser: StaffUser;
  let event: { id: string; slug: string; title: string };
  let agencyA: string;
  let agencyB: string;
  let awardId: string;
  let officerA: Browser;
  let officerB: Browser;

  const addAgency = (name: string, officer: string) => insertAgency(t.db, name, officer);

  const signIn = async (email: string): Promise<Browser> => {
    const browser = new Browser(t);
    await browser.get('/link-officer/sign-in');
    expect((await browser.post('/link-officer/sign-in', { email })).status).toBe(303);
    const mail = await t.mail.waitForMessage(email, (m) => m.subject.includes('sign in'));
    const token = SIGN_IN_LINK.exec(mail.text)?.[1] ?? '';
    await browser.get(`/link-officer/sign-in/${token}`);
    expect((await browser.post(`/link-officer/sign-in/${token}`, {})).status).toBe(303);
    await browser.get('/link-officer');
    return browser;
  };

  const counters = async () =>
    (
      await t.db.query<Array<{ confirmed: number; waiting: number }>>(
        'SELECT confirmed_count AS confirmed, waiting_count AS waiting FROM events WHERE id = $1',
        [event.id],
      )
    )[0];

  const registrationOf = async (email: string) =>
    (
      await t.db.query<
        Array<{ id: string; status: string; agency_id: string; organisation: string; registered_by: string | null }>
      >(
        `SELECT id, status, agency_id, organisation, registered_by_link_officer_id AS registered_by
           FROM registrations WHERE event_id = $1 AND email = $2`,
        [event.id, email],
      )
    )[0];

  const personalToken = async (email: string, subject: string): Promise<string> => {
    const mail = await t.mail.waitForMessage(email, (m) => m.subject.includes(subject));
    const token = PERSONAL_LINK.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    return token ?? '';
  };

  const colleague = (name: string, email: string, extra: Record<string, string> = {}) => ({
    name,
    email,
    jobTitle: 'Policy officer',
    accessNeeds: '',
    dietaryNeeds: 'Vegetarian',
    consent: 'yes',
    ...extra,
  });

  const registerPath = (agencyId: string) => `/link-officer/agencies/${agencyId}/events/${event.id}/register`;
  const swapPath = (agencyId: string, registrationId: string) =>
    `/link-officer/agencies/${agencyId}/registrations/${registrationId}/swap`;
  const nominatePath = (agencyId: string) => `/link-officer/agencies/${agencyId}/events/${event.id}/nominate`;

  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
    const ctx = await newAwardsEvent(t, {
      title: 'Colleagues Meeting',
      capacity: 3,
      startsAt: new Date(Date.now() + 3600_000),
      endsAt: new Date(Date.now() + 2 * 3600_000),
    });
    organiser = ctx.organiser;
    event = ctx.event;
    agencyA = await addAgency('Leeds City Council', 'officer@leeds.example');
    agencyB = await addAgency('Bradford Council', 'officer@bradford.example');
    const created = await t.http
      .post(`/api/events/${event.id}/awards`)
      .set(organiser.auth)
      .send(
        awardBody({
          title: 'Colleague of the Year',
          nominationsOpenAt: new Date(Date.now() + 5 * 60_000).toISOString(),
          nominationsCloseAt: new Date(Date.now() + 10 * 60_000).toISOString(),
          votingOpensAt: new Date(Date.now() + 20 * 60_000).toISOString(),
          votingClosesAt: new Date(Date.now() + 60 * 60_000).toISOString(),
        }),
      )
      .expect(201);
    awardId = (created.body as { id: string }).id;
    // Nominations open now (the API fixes no opening time in the past).
    await t.db.query(`UPDATE awards SET nominations_open_at = now() - interval '1 minute' WHERE id = $1`, [awardId]);
    officerA = await signIn('officer@leeds.example');
    officerB = await signIn('officer@bradford.example');
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it("registers a colleague, who gets their own personal link by email; the link officer's pages never show it", async () => {
    const home = await officerA.get('/link-officer');
    expect(home.text).toContain('Register a colleague for Colleagues Meeting');
    const form = await officerA.get(registerPath(agencyA));
    expect(form.status).toBe(200);
    expect(form.text).toContain('Leeds City Council');
    const done = await officerA.post(registerPath(agencyA), colleague('Carol Colleague', 'carol@leeds.example'));
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/link-officer');
    const after = await officerA.get('/link-officer');
    expect(after.text).toContain('Your colleague has a place');
    expect(after.text).toContain('Carol Colleague');

    const token = await personalToken('carol@leeds.example', 'is confirmed');
    expect(done.text).not.toContain(token);
    expect(after.text).not.toContain(token);
    const officerId = (
      await t.db.query<Array<{ id: string }>>(`SELECT id FROM link_officers WHERE email = 'officer@leeds.example'`)
    )[0].id;
    expect(await registrationOf('carol@leeds.example')).toMatchObject({
      status: 'confirmed',
      agency_id: agencyA,
      organisation: 'Leeds City Council',
      registered_by: officerId,
    });
    expect((await t.http.get(`/r/${token}`)).status).toBe(200);
  });

  it('refuses a form with errors: 400, each message beside its field, the input kept, nothing written', async () => {
    const before = await counters();
    const refused = await officerA.post(
      registerPath(agencyA),
      colleague('', 'not an address', { jobTitle: 'Kept Job Title', consent: '' }),
    );
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="name"[^>]*aria-invalid="true"/);
    expect(refused.text).toMatch(/id="email"[^>]*aria-invalid="true"/);
    expect(refused.text).toMatch(/id="consent"[^>]*aria-invalid="true"/);
    expect(refused.text).toContain('id="name-error"');
    expect(refused.text).toContain('value="Kept Job Title"');
    expect(refused.text).toContain('value="not an address"');
    expect(await counters()).toEqual(before);
  });

  it('says when the colleague joins the waiting list', async () => {
    await officerA.get(registerPath(agencyA));
    expect((await officerA.post(registerPath(agencyA), colleague('Dan Second', 'dan@leeds.example'))).status).toBe(303);
    // Someone else takes the last seat.
    await t.http
      .post(`/api/events/${event.id}/registrations`)
      .send({ name: 'Olive Outsider', email: 'olive@elsewhere.example', consent: true })
      .expect((r) => expect(r.status).toBeLessThan(300));
    await officerA.get(registerPath(agencyA));
    const waiting = await officerA.post(registerPath(agencyA), colleague('Wes Waiting', 'wes@leeds.example'));
    expect(waiting.status).toBe(303);
    expect((await officerA.get('/link-officer')).text).toContain('your colleague is on the waiting list');
    expect((await registrationOf('wes@leeds.example')).status).toBe('waitlisted');
    await personalToken('wes@leeds.example', 'waiting list');
  });

  it('swaps a colleague for another in the same seat: counters unchanged, nobody promoted, old link dead, new one live, both emailed', async () => {
    const carol = await registrationOf('carol@leeds.example');
    const carolToken = await personalToken('carol@leeds.example', 'is confirmed');
    const before = await counters();
    expect(before).toEqual({ confirmed: 3, waiting: 1 });

    const page = await officerA.get(swapPath(agencyA, carol.id));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Carol Colleague');
    const swapped = await officerA.post(swapPath(agencyA, carol.id), colleague('Nina New', 'nina@leeds.example'));
    expect(swapped.status).toBe(303);
    expect((await officerA.get('/link-officer')).text).toContain('The place is passed on');

    expect(await counters()).toEqual(before);
    expect((await registrationOf('carol@leeds.example')).status).toBe('cancelled');
    expect(await registrationOf('nina@leeds.example')).toMatchObject({ status: 'confirmed', agency_id: agencyA });
    // The seat went to Nina, not to the first in the queue.
    expect((await registrationOf('wes@leeds.example')).status).toBe('waitlisted');

    await t.mail.waitForMessage('carol@leeds.example', (m) => m.subject.includes('has been passed on'));
    const ninaToken = await personalToken('nina@leeds.example', 'is confirmed');
    expect(swapped.text).not.toContain(ninaToken);
    expect((await t.http.get(`/r/${carolToken}`)).status).not.toBe(200);
    expect((await t.http.get(`/r/${ninaToken}`)).status).toBe(200);
    const [{ n }] = await t.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM notifications WHERE kind = 'registration-promoted' AND event_id = $1`,
      [event.id],
    );
    expect(n).toBe(0);
  });

  it('passes a place in the queue on at the same position', async () => {
    const wes = await registrationOf('wes@leeds.example');
    const before = await counters();
    await officerA.get(swapPath(agencyA, wes.id));
    const swapped = await officerA.post(swapPath(agencyA, wes.id), colleague('Vera Queue', 'vera@leeds.example'));
    expect(swapped.status).toBe(303);
    expect(await counters()).toEqual(before);
    expect((await registrationOf('vera@leeds.example')).status).toBe('waitlisted');
    expect((await registrationOf('wes@leeds.example')).status).toBe('cancelled');
    await personalToken('vera@leeds.example', 'waiting list');
  });

  it('refuses a swap into an address already registered, keeping the input (409)', async () => {
    const nina = await registrationOf('nina@leeds.example');
    await officerA.get(swapPath(agencyA, nina.id));
    const refused = await officerA.post(swapPath(agencyA, nina.id), colleague('Dan Again', 'dan@leeds.example'));
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('value="Dan Again"');
    expect((await registrationOf('nina@leeds.example')).status).toBe('confirmed');
  });

  it("does not let a link officer see or act on another agency's people (404)", async () => {
    const nina = await registrationOf('nina@leeds.example');
    const before = await counters();
    expect((await officerB.get('/link-officer')).text).not.toContain('Nina New');
    // Their own agency's path, another agency's registration.
    expect((await officerB.get(swapPath(agencyB, nina.id))).status).toBe(404);
    await officerB.get('/link-officer');
    expect((await officerB.post(swapPath(agencyB, nina.id), colleague('Bea B', 'bea@bradford.example'))).status).toBe(
      404,
    );
    // The other agency's path altogether.
    expect((await officerB.get(swapPath(agencyA, nina.id))).status).toBe(404);
    expect((await officerB.get(registerPath(agencyA))).status).toBe(404);
    await officerB.get('/link-officer');
    expect((await officerB.post(registerPath(agencyA), colleague('Bea B', 'bea@bradford.example'))).status).toBe(404);
    expect((await officerB.get(nominatePath(agencyA))).status).toBe(404);
    expect((await registrationOf('nina@leeds.example')).status).toBe('confirmed');
    expect(await registrationOf('bea@bradford.example')).toBeUndefined();
    expect(await counters()).toEqual(before);
    // Not signed in: sent to sign in.
    const stranger = new Browser(t);
    const anonymous = await stranger.get(registerPath(agencyA));
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/link-officer/sign-in');
  });

  it('refuses a form without its CSRF token, or from another site (403), before anything runs', async () => {
    await officerA.get(registerPath(agencyA));
    const noToken = await officerA.post(registerPath(agencyA), colleague('Xena X', 'xena@leeds.example'), {
      csrf: false,
    });
    expect(noToken.status).toBe(403);
    await officerA.get(registerPath(agencyA));
    const crossSite = await officerA.post(registerPath(agencyA), colleague('Xena X', 'xena@leeds.example'), {
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);
    expect(await registrationOf('xena@leeds.example')).toBeUndefined();
  });

  it('nominates a colleague: it counts beside delegates’ nominations, and the organiser sees who nominated', async () => {
    const nina = await registrationOf('nina@leeds.example');
    const home = await officerA.get('/link-officer');
    expect(home.text).toContain('Nominate a colleague for an award at Colleagues Meeting');
    const page = await officerA.get(nominatePath(agencyA));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Colleague of the Year');
    expect(page.text).toContain('Nina New');
    expect(page.text).not.toContain('Carol Colleague'); // cancelled: nobody to nominate

    const refused = await officerA.post(nominatePath(agencyA), { awardId, nomineeId: nina.id, statement: '' });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="statement"[^>]*aria-invalid="true"/);

    await officerA.get(nominatePath(agencyA));
    const sent = await officerA.post(nominatePath(agencyA), {
      awardId,
      nomineeId: nina.id,
      statement: 'Ran the regional network single-handed.',
    });
    expect(sent.status).toBe(303);
    expect((await officerA.get('/link-officer')).text).toContain('Your nomination has been sent');

    // A delegate's nomination counts too.
    const { auth } = await insertRegistration(t.db, event.id, { name: 'Della Delegate' });
    await t.http
      .post(`/api/awards/${awardId}/nominations`)
      .set(auth)
      .send({ nomineeName: 'Someone Else', statement: 'Because' })
      .expect(201);

    const list = await t.http.get(`/api/awards/${awardId}/nominations`).set(organiser.auth).expect(200);
    const body = list.body as { total: number; items: Array<{ nomineeName: string; nominatedBy: string | null }> };
    expect(body.total).toBe(2);
    expect(body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ nomineeName: 'Nina New', nominatedBy: 'Link officer, Leeds City Council' }),
        expect.objectContaining({ nomineeName: 'Someone Else', nominatedBy: 'Della Delegate' }),
      ]),
    );
    const console = new Browser(t);
    await console.signIn(organiser);
    const staffPage = await console.get(`/staff/events/${event.id}/awards/${awardId}`);
    expect(staffPage.status).toBe(200);
    expect(staffPage.text).toContain('Nominated by Link officer, Leeds City Council');
    expect(staffPage.text).toContain('Nominated by Della Delegate');

    // Only a colleague of the agency may be nominated.
    const outsider = (await registrationOf('olive@elsewhere.example')).id;
    await officerA.get(nominatePath(agencyA));
    const notOurs = await officerA.post(nominatePath(agencyA), { awardId, nomineeId: outsider, statement: 'Hm' });
    expect(notOurs.status).toBe(403);
  });

  it('shows which colleagues attended', async () => {
    const nina = await registrationOf('nina@leeds.example');
    await t.db.query('UPDATE registrations SET checked_in_at = now() WHERE id = $1', [nina.id]);
    const page = await officerA.get('/link-officer');
    expect(page.text).toMatch(/<dt>Attended<\/dt>\s*<dd>Nina New<\/dd>/);
  });

  it('shows the agency its places at each event: none, then held for it with how many are taken and the release', async () => {
    const before = await officerA.get('/link-officer');
    expect(before.text).toMatch(/<dt>Places for the agency<\/dt>\s*<dd>None held: colleagues take the open seats/);
    await t.db.query(
      `INSERT INTO event_agency_places (event_id, agency_id, places, reserved) VALUES ($1, $2, 5, true)`,
      [event.id, agencyA],
    );
    await t.db.query(`UPDATE events SET agency_places_release_at = '2031-05-01T08:00:00Z' WHERE id = $1`, [event.id]);
    const confirmed = await t.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM registrations WHERE event_id = $1 AND agency_id = $2 AND status = 'confirmed'`,
      [event.id, agencyA],
    );
    const after = await officerA.get('/link-officer');
    expect(after.text).toContain(`5 places held for the agency; ${confirmed[0].n} taken.`);
    expect(after.text).toContain('go to the waiting list.');
    // Another agency's officer sees none of it.
    expect((await officerB.get('/link-officer')).text).not.toContain('5 places held');
    await t.db.query(`DELETE FROM event_agency_places WHERE event_id = $1`, [event.id]);
    await t.db.query(`UPDATE events SET agency_places_release_at = NULL WHERE id = $1`, [event.id]);
  });

  it('refuses a nomination once the window has closed', async () => {
    const nina = await registrationOf('nina@leeds.example');
    const count = async () =>
      (
        await t.db.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM award_nominations WHERE award_id = $1', [
          awardId,
        ])
      )[0].n;
    const before = await count();
    await t.db.query(
      `UPDATE awards SET nominations_open_at = now() - interval '2 minutes',
         nominations_close_at = now() - interval '1 minute' WHERE id = $1`,
      [awardId],
    );
    const page = await officerA.get(nominatePath(agencyA));
    expect(page.text).toContain('No award at this event is taking nominations now.');
    const late = await officerA.post(nominatePath(agencyA), { awardId, nomineeId: nina.id, statement: 'Late' });
    expect(late.status).toBe(422);
    expect(late.text).toContain('Nominations closed');
    expect(await count()).toBe(before);
  });

  it('passes a place on once when five swaps of it race: the counters still agree', async () => {
    const nina = await registrationOf('nina@leeds.example');
    const before = await counters();
    await officerA.get(swapPath(agencyA, nina.id));
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        officerA.post(swapPath(agencyA, nina.id), colleague(`Racer ${n}`, `racer${n}@leeds.example`)),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([303, 404, 404, 404, 404]);
    expect(await counters()).toEqual(before);
    const [{ confirmed, waiting }] = await t.db.query<Array<{ confirmed: number; waiting: number }>>(
      `SELECT count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed,
              count(*) FILTER (WHERE status = 'waitlisted')::int AS waiting
         FROM registrations WHERE event_id = $1`,
      [event.id],
    );
    expect({ confirmed, waiting }).toEqual(before);
  });
});
