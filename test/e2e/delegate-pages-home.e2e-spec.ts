import ical from 'node-ical';
import type { Event } from '../../src/events/event.entity.js';
import { closeVoting, newAward, newAwardsEvent, type AwardsContext } from '../factories/awards.factory.js';
import { insertSession } from '../factories/db-fixtures.js';
import { register, type RegisteredDelegate } from '../factories/registrations.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const APP = 'http://plenary.test';
const SAME_SITE = { origin: APP };
const FORM = 'application/x-www-form-urlencoded';
const MINUTE = 60_000;
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** The personal page as the delegate's home: details, own calendar, canvases and awards, each a plain form. */
describe('delegate pages: the personal page and what it leads to', () => {
  let t: TestApp;
  let ctx: AwardsContext;
  let event: Event;
  let delegate: RegisteredDelegate;
  let base: string;
  let workshopId: string;
  let otherWorkshopId: string;

  beforeAll(async () => {
    t = await createTestApp({ appUrl: APP });
    ctx = await newAwardsEvent(t, { title: 'Link Officers Annual Meeting' });
    event = ctx.event;
    const start = event.startsAt.getTime();
    await insertSession(t.db, event, { title: 'Opening plenary', kind: 'keynote' });
    const workshop = await insertSession(t.db, event, {
      title: 'Mapping local assets',
      kind: 'workshop',
      capacity: 10,
      startsAt: new Date(start + 3 * 60 * MINUTE),
      endsAt: new Date(start + 4 * 60 * MINUTE),
    });
    const other = await insertSession(t.db, event, {
      title: 'Parallel workshop',
      kind: 'workshop',
      capacity: 10,
      startsAt: new Date(start + 3 * 60 * MINUTE),
      endsAt: new Date(start + 4 * 60 * MINUTE),
    });
    workshopId = workshop.id;
    otherWorkshopId = other.id;
    delegate = await register(t, event.id, { name: 'Rosa Parks', organisation: 'Montgomery PCN' });
    base = `/r/${delegate.token}`;
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = SAME_SITE) =>
    t.http.post(path).set(headers).type(FORM).send(form(fields));

  it('changes the delegate’s details, keeping input and messages beside the fields on a refusal', async () => {
    const page = await t.http.get(`${base}/details`).expect(200);
    expect(page.text).toContain('value="Rosa Parks"');
    const refused = await post(`${base}/details`, { name: '', organisation: 'x'.repeat(201) });
    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toMatch(/text\/html/);
    expect(refused.text).toContain('id="name-error"');
    expect(refused.text).toContain('id="organisation-error"');
    expect(refused.text).toContain(`value="${'x'.repeat(201)}"`);
    const saved = await post(`${base}/details`, {
      name: 'Rosa L. Parks',
      organisation: 'Montgomery PCN',
      accessNeeds: 'Step-free access',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(base);
    const home = await t.http.get(base).expect(200);
    expect(home.text).toContain('Rosa L. Parks');
    expect(home.text).toContain('Step-free access');
  });

  it('changes the same details through the API with the personal-link token, by the same rules', async () => {
    const other = await register(t, event.id, { name: 'Claudette Colvin', organisation: 'Montgomery PCN' });
    const refused = await t.http
      .put('/api/registrations/me/details')
      .set(other.auth)
      .send({ name: '', organisation: 'x'.repeat(201) })
      .expect(400);
    expect(JSON.stringify(refused.body)).toMatch(/name/);
    let me = await t.http.get('/api/registrations/me').set(other.auth).expect(200);
    expect(me.body).toMatchObject({ name: 'Claudette Colvin', organisation: 'Montgomery PCN' });

    await t.http
      .put('/api/registrations/me/details')
      .set(other.auth)
      .send({ name: 'Claudette Colvin', organisation: 'Montgomery PCN', dietaryNeeds: 'Vegetarian' })
      .expect(204);
    me = await t.http.get('/api/registrations/me').set(other.auth).expect(200);
    expect(me.body).toMatchObject({ name: 'Claudette Colvin', dietaryNeeds: 'Vegetarian', jobTitle: null });
    await t.http.put('/api/registrations/me/details').send({ name: 'Nobody' }).expect(401);
  });

  it('gives a calendar of the delegate’s own sessions: plenaries and their workshops, not the parallel ones', async () => {
    await post(`${base}/workshops/${workshopId}/join`, {}).expect(303);
    const home = await t.http.get(base).expect(200);
    expect(home.text).toContain(`href="${base}/calendar.ics"`);
    const response = await t.http.get(`${base}/calendar.ics`).expect(200);
    expect(response.headers['content-type']).toMatch(/text\/calendar/);
    expect(response.headers['cache-control']).toBe('no-store');
    const parsed = ical.sync.parseICS(response.text);
    const summaries = Object.values(parsed)
      .filter((item) => item?.type === 'VEVENT')
      .map((item) => (item as unknown as { summary: string }).summary)
      .sort();
    expect(summaries).toEqual(['Mapping local assets', 'Opening plenary']);
    expect(response.text).not.toContain('Parallel workshop');
    expect(otherWorkshopId).toBeDefined();
  });

  it('opens the canvas of the delegate’s workshop as them: a delegates-only canvas, the note signed with their name', async () => {
    const created = await t.http
      .post(`/api/events/${event.id}/canvases`)
      .set(ctx.organiser.auth)
      .send({ title: 'Assets canvas', sessionId: workshopId, anonymous: false })
      .expect(201);
    const joinCode = (created.body as { joinCode: string }).joinCode;
    const home = await t.http.get(base).expect(200);
    expect(home.text).toContain(`href="${base}/canvases/${joinCode}"`);
    const page = await t.http.get(`${base}/canvases/${joinCode}`).expect(200);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.text).toContain('Your note is signed with your name');
    const refused = await post(`${base}/canvases/${joinCode}/notes`, { section: 'nope', text: '' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('id="text-error"');
    const posted = await post(`${base}/canvases/${joinCode}/notes`, {
      section: 'people',
      text: 'The library has rooms',
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.location).toBe(`${base}/canvases/${joinCode}`);
    const notes = await t.db.query(`SELECT author_name FROM canvas_notes WHERE text = 'The library has rooms'`);
    expect(notes).toEqual([{ author_name: 'Rosa L. Parks' }]);
    // The public page of the same canvas cannot post: it is for registered delegates.
    const anonymous = await post(`/canvases/${joinCode}/notes`, { section: 'people', text: 'Stranger' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/text\/html/);
  });

  it('takes a nomination during the nomination window, re-rendering a refused one', async () => {
    const award = await newAward(t, ctx, {
      open: false,
      body: {
        title: 'Team of the Year',
        nominationsOpenAt: new Date(Date.now() - MINUTE).toISOString(),
        nominationsCloseAt: new Date(Date.now() + 20 * MINUTE).toISOString(),
      },
    });
    const home = await t.http.get(base).expect(200);
    expect(home.text).toContain('Team of the Year');
    expect(home.text).toContain('Nominate someone');
    const refused = await post(`${base}/awards/${award.id}/nominations`, { nomineeName: 'Ella Baker', statement: '' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('id="statement-error"');
    expect(refused.text).toContain('value="Ella Baker"');
    const sent = await post(`${base}/awards/${award.id}/nominations`, {
      nomineeName: 'Ella Baker',
      nomineeOrganisation: 'SCLC',
      statement: 'Organised the grassroots.',
    });
    expect(sent.status).toBe(303);
    const rows = await t.db.query(`SELECT nominee_name FROM award_nominations WHERE award_id = $1`, [award.id]);
    expect(rows).toEqual([{ nominee_name: 'Ella Baker' }]);
  });

  it('takes a plurality vote once, then shows the receipt; results once published', async () => {
    const award = await newAward(t, ctx, { body: { title: 'Link Officer of the Year' } });
    const path = `${base}/awards/${award.id}`;
    const ballot = await t.http.get(path).expect(200);
    expect(ballot.text).toContain('type="radio"');
    const refused = await post(`${path}/ballot`, {});
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('id="nomineeId-error"');
    const crossSite = await post(
      `${path}/ballot`,
      { nomineeId: award.nominees[1].id },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    expect(await receipts(award.id)).toBe(0);
    const cast = await post(`${path}/ballot`, { nomineeId: award.nominees[1].id });
    expect(cast.status).toBe(303);
    const after = await t.http.get(path).expect(200);
    expect(after.text).toContain('You have voted.');
    expect(after.text).toMatch(/class="receipt" id="receipt">[A-Z0-9-]+</);
    expect(after.text).not.toContain('type="radio"');
    const again = await post(`${path}/ballot`, { nomineeId: award.nominees[0].id });
    expect(again.status).toBe(409);
    expect(await receipts(award.id)).toBe(1);

    await closeVoting(t.db, award.id);
    await t.http.post(`/api/awards/${award.id}/results/publish`).set(ctx.organiser.auth).expect(200);
    const results = await t.http.get(path).expect(200);
    expect(results.text).toContain('Winner: Grace Hopper');
  });

  it('takes a ranked vote from rank selects, refusing gaps and repeats with the choices kept', async () => {
    const award = await newAward(t, ctx, { body: { title: 'Newcomer of the Year', method: 'ranked' } });
    const path = `${base}/awards/${award.id}`;
    const [a, b, c] = award.nominees.map((n) => `rank-${n.id}`);
    const page = await t.http.get(path).expect(200);
    expect(page.text).toContain(`aria-label="Rank for Ada Lovelace"`);
    const gap = await post(`${path}/ballot`, { [a]: '1', [b]: '3', [c]: '' });
    expect(gap.status).toBe(400);
    expect(gap.text).toContain('there is no rank 2');
    expect(gap.text).toMatch(new RegExp(`id="${b}"[^>]*>[\\s\\S]*?<option value="3" selected>`));
    const repeat = await post(`${path}/ballot`, { [a]: '1', [b]: '1', [c]: '2' });
    expect(repeat.status).toBe(400);
    expect(repeat.text).toContain('Rank 1 is given to more than one nominee');
    expect(await receipts(award.id)).toBe(0);
    const cast = await post(`${path}/ballot`, { [a]: '2', [b]: '', [c]: '1' });
    expect(cast.status).toBe(303);
    const after = await t.http.get(path).expect(200);
    expect(after.text).toContain('You have voted.');
    expect(await receipts(award.id)).toBe(1);
  });

  it('answers a broken link on every personal route with the friendly 404 page', async () => {
    for (const path of [
      '/r/nope/details',
      '/r/nope/calendar.ics',
      `/r/nope/awards/${event.id}`,
      '/r/nope/canvases/ABC234',
    ]) {
      const response = await t.http.get(path);
      expect(response.status).toBe(404);
      expect(response.text).toContain('This link does not work');
    }
  });

  const receipts = async (awardId: string): Promise<number> =>
    (await t.db.query(`SELECT count(*)::int AS n FROM ballot_receipts WHERE award_id = $1`, [awardId]))[0].n as number;
});
