import { randomUUID } from 'node:crypto';
import { closeVoting, newAward, newAwardsEvent, openVoting } from '../factories/awards.factory.js';
import { insertEvent, insertMember, insertRegistration } from '../factories/db-fixtures.js';
import { newStaff } from '../factories/staff.factory.js';
import { parseCsv } from '../setup/csv.js';
import { Browser } from '../setup/staff-browser.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const HOUR = 3_600_000;
/** A `datetime-local` value in Europe/London (the fixtures' zone) `hours` from now. */
const local = (hours: number): string =>
  new Date(Date.now() + hours * HOUR)
    .toLocaleString('sv-SE', { timeZone: 'Europe/London' })
    .slice(0, 16)
    .replace(' ', 'T');

const AWARD_FORM = {
  title: 'Link Officer of the Year',
  description: 'For the link officer who did most for their members.',
  method: 'ranked',
  tiePolicy: 'casting',
  nominationsOpenAt: '',
  nominationsCloseAt: '',
  votingOpensAt: local(2),
  votingClosesAt: local(4),
  onlyCheckedIn: 'yes',
};

async function setUp(t: TestApp) {
  const ctx = await newAwardsEvent(t);
  const browser = new Browser(t);
  await browser.signIn(ctx.organiser);
  return { ...ctx, browser, console: `/staff/events/${ctx.event.id}/awards` };
}

const awardCount = async (t: TestApp, eventId: string): Promise<number> =>
  (await t.db.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM awards WHERE event_id = $1', [eventId]))[0].n;

describe('award console pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates an award from the form, refuses bad input with messages beside the fields and changes nothing', async () => {
    const { event, browser, console } = await setUp(t);
    expect((await browser.get(console)).text).toContain('This event has no awards yet.');
    const form = await browser.get(`${console}/new`);
    expect(form.status).toBe(200);

    const noTitle = await browser.post(`${console}/new`, { ...AWARD_FORM, title: '' });
    expect(noTitle.status).toBe(400);
    expect(noTitle.text).toContain('Enter a title of up to 200 characters, on one line.');
    const backwards = await browser.post(`${console}/new`, { ...AWARD_FORM, votingClosesAt: local(1) });
    expect(backwards.status).toBe(422);
    expect(backwards.text).toContain('Voting must open before it closes');
    expect(backwards.text).toContain('value="Link Officer of the Year"');
    const noTime = await browser.post(`${console}/new`, { ...AWARD_FORM, votingOpensAt: '' });
    expect(noTime.status).toBe(400);
    expect(noTime.text).toContain('Enter the date and time voting opens.');
    const badMethod = await browser.post(`${console}/new`, { ...AWARD_FORM, method: 'loudest' });
    expect(badMethod.status).toBe(400);
    expect(badMethod.text).toContain('Choose how delegates vote.');
    const noCsrf = await browser.post(`${console}/new`, AWARD_FORM, { csrf: false });
    expect(noCsrf.status).toBe(403);
    expect(await awardCount(t, event.id)).toBe(0);

    const created = await browser.post(`${console}/new`, AWARD_FORM);
    expect(created.status).toBe(303);
    const href = created.headers.location;
    expect(href).toMatch(new RegExp(`^${console}/[0-9a-f-]{36}$`));
    const page = await browser.get(href);
    expect(page.text).toContain('The award has been created.');
    expect(page.text).toContain('Ranked (instant runoff)');
    expect(page.text).toContain('An organiser gives a casting decision, with a reason');
    expect(page.text).toContain('Confirmed delegates who have checked in.');
    const [row] = await t.db.query<Array<{ method: string; only_checked_in: boolean; tie_policy: string }>>(
      'SELECT method, only_checked_in, tie_policy FROM awards WHERE event_id = $1',
      [event.id],
    );
    expect(row).toEqual({ method: 'ranked', only_checked_in: true, tie_policy: 'casting' });
    expect((await browser.get(console)).text).toContain('Link Officer of the Year');

    // Edit while allowed: before voting everything may change.
    const edit = await browser.get(`${href}/edit`);
    expect(edit.text).toContain('name="method"');
    expect((await browser.post(`${href}/edit`, { ...AWARD_FORM, title: 'Renamed', onlyCheckedIn: '' })).status).toBe(
      303,
    );
    const [changed] = await t.db.query<Array<{ title: string; only_checked_in: boolean }>>(
      'SELECT title, only_checked_in FROM awards WHERE event_id = $1',
      [event.id],
    );
    expect(changed).toEqual({ title: 'Renamed', only_checked_in: false });

    // Nominations added, then taken away again by emptying both times.
    const nominations = () =>
      t.db.query<Array<{ open: Date | null; close: Date | null }>>(
        'SELECT nominations_open_at AS open, nominations_close_at AS close FROM awards WHERE event_id = $1',
        [event.id],
      );
    const withNominations = { ...AWARD_FORM, title: 'Renamed', onlyCheckedIn: '', nominationsOpenAt: local(0.5) };
    const half = await browser.post(`${href}/edit`, withNominations);
    expect(half.status).toBe(422);
    expect(half.text).toContain('Give both nominationsOpenAt and nominationsCloseAt, or neither.');
    expect(await nominations()).toEqual([{ open: null, close: null }]);
    expect((await browser.post(`${href}/edit`, { ...withNominations, nominationsCloseAt: local(1) })).status).toBe(303);
    expect((await nominations())[0].close).not.toBeNull();
    const emptied = { ...withNominations, nominationsOpenAt: '', nominationsCloseAt: '' };
    expect((await browser.post(`${href}/edit`, emptied)).status).toBe(303);
    expect(await nominations()).toEqual([{ open: null, close: null }]);
  });

  it('once voting opens the rules are fixed: the form offers only the words and the close, which moves only later', async () => {
    const ctx = await setUp(t);
    const award = await newAward(t, ctx);
    const href = `${ctx.console}/${award.id}`;
    const edit = await ctx.browser.get(`${href}/edit`);
    expect(edit.text).toContain('Voting has opened, so how it is counted and who may vote are fixed');
    expect(edit.text).not.toContain('name="method"');
    const before = await t.db.query('SELECT voting_closes_at, title FROM awards WHERE id = $1', [award.id]);
    // Posting the fixed fields anyway changes nothing: they are not the form's to change now.
    const sneaky = await ctx.browser.post(`${href}/edit`, {
      title: 'Link Officer of the Year',
      method: 'plurality',
      votingClosesAt: local(-0.5),
    });
    expect(sneaky.status).toBe(422);
    expect(sneaky.text).toContain('its close can only move later');
    expect(await t.db.query('SELECT voting_closes_at, title FROM awards WHERE id = $1', [award.id])).toEqual(before);
    const [{ method }] = await t.db.query<Array<{ method: string }>>('SELECT method FROM awards WHERE id = $1', [
      award.id,
    ]);
    expect(method).toBe('plurality');
  });

  it('nominations as they come in: merge a duplicate, shortlist from a nomination or directly, remove', async () => {
    const ctx = await setUp(t);
    const award = await newAward(t, ctx, {
      nominees: [],
      open: false,
      body: {
        nominationsOpenAt: new Date(Date.now() - HOUR).toISOString(),
        nominationsCloseAt: new Date(Date.now() + HOUR).toISOString(),
        votingOpensAt: new Date(Date.now() + 2 * HOUR).toISOString(),
        votingClosesAt: new Date(Date.now() + 3 * HOUR).toISOString(),
      },
    });
    const nominate = async (name: string) => {
      const d = await insertRegistration(t.db, ctx.event.id, { name: `Nominator of ${name}` });
      const response = await t.http
        .post(`/api/awards/${award.id}/nominations`)
        .set(d.auth)
        .send({ nomineeName: name, statement: `${name} ran the food bank.` })
        .expect(201);
      return (response.body as { id: string }).id;
    };
    const first = await nominate('Ada Lovelace');
    const duplicate = await nominate('Ada Lovelace ');
    const href = `${ctx.console}/${award.id}`;
    const page = await ctx.browser.get(href);
    expect(page.text).toContain('Nominated by Nominator of Ada Lovelace');
    expect(page.text).toContain('The shortlist is empty.');

    const badMerge = await ctx.browser.post(`${href}/nominations/${duplicate}/merge`, { intoNominationId: 'nope' });
    expect(badMerge.status).toBe(400);
    const selfMerge = await ctx.browser.post(`${href}/nominations/${duplicate}/merge`, { intoNominationId: duplicate });
    expect(selfMerge.status).toBe(422);
    expect(selfMerge.text).toContain('A nomination cannot be merged into itself.');
    const mergeNoCsrf = await ctx.browser.post(
      `${href}/nominations/${duplicate}/merge`,
      { intoNominationId: first },
      { csrf: false },
    );
    expect(mergeNoCsrf.status).toBe(403);
    const unmerged = await t.db.query('SELECT merged_into_id FROM award_nominations WHERE id = $1', [duplicate]);
    expect(unmerged).toEqual([{ merged_into_id: null }]);

    const merged = await ctx.browser.post(`${href}/nominations/${duplicate}/merge`, { intoNominationId: first });
    expect(merged.status).toBe(303);
    const after = await ctx.browser.get(href);
    expect(after.text).toContain('The nominations have been merged.');
    expect(after.text).toContain('Merged into the nomination of Ada Lovelace');

    expect((await ctx.browser.post(`${href}/nominees`, { fromNominationId: first })).status).toBe(303);
    const noName = await ctx.browser.post(`${href}/nominees`, { name: '', organisation: 'North' });
    expect(noName.status).toBe(400);
    expect(noName.text).toContain('Enter the nominee’s name');
    const unknown = await ctx.browser.post(`${href}/nominees`, { fromNominationId: randomUUID() });
    expect(unknown.status).toBe(404);
    expect((await ctx.browser.post(`${href}/nominees`, { name: 'Grace Hopper', organisation: 'South' })).status).toBe(
      303,
    );
    const shortlist = await t.db.query<Array<{ id: string; name: string }>>(
      'SELECT id, name FROM award_nominees WHERE award_id = $1 ORDER BY name',
      [award.id],
    );
    expect(shortlist.map((n) => n.name)).toEqual(['Ada Lovelace', 'Grace Hopper']);

    const grace = shortlist[1].id;
    expect((await ctx.browser.post(`${href}/nominees/${grace}/remove`, {}, { csrf: false })).status).toBe(403);
    expect((await ctx.browser.post(`${href}/nominees/${grace}/remove`, {})).status).toBe(303);
    expect((await ctx.browser.post(`${href}/nominees/${grace}/remove`, {})).status).toBe(404);
    const left = await t.db.query('SELECT name FROM award_nominees WHERE award_id = $1', [award.id]);
    expect(left).toEqual([{ name: 'Ada Lovelace' }]);

    // Once voting opens the shortlist is fixed.
    await openVoting(t.db, award.id);
    const fixed = await ctx.browser.post(`${href}/nominees`, { name: 'Mary Seacole' });
    expect(fixed.status).toBe(422);
    expect(fixed.text).toContain('Voting has opened, so the shortlist can no longer change.');
    expect(await t.db.query('SELECT name FROM award_nominees WHERE award_id = $1', [award.id])).toEqual(left);
  });

  it('while voting is open it shows the turnout and no counts; after the close the rounds, a tie to decide, publish and the audit', async () => {
    const ctx = await setUp(t);
    const award = await newAward(t, ctx, { body: { method: 'ranked', tiePolicy: 'casting' } });
    const [ada, grace] = award.nominees;
    const href = `${ctx.console}/${award.id}`;
    // Two ballots each way: a tie for the award that needs a casting decision.
    for (const ranking of [[ada.id], [ada.id], [grace.id], [grace.id]]) {
      const d = await insertRegistration(t.db, ctx.event.id);
      await t.http.post(`/api/awards/${award.id}/ballots`).set(d.auth).send({ ranking }).expect(201);
    }
    await insertRegistration(t.db, ctx.event.id);

    const open = await ctx.browser.get(href);
    expect(open.text).toContain('4 ballots cast of 5 eligible delegates.');
    expect(open.text).not.toContain('<table class="results"');
    expect(open.text).not.toContain('<meter');
    expect(open.text).not.toContain('Round 1');
    expect(open.text).not.toContain('href="' + href + '/publish"');
    expect(open.text).not.toContain('audit.csv');
    // Nothing before the close: the audit file and publishing are refused with the reason.
    const earlyCsv = await ctx.browser.get(`${href}/audit.csv`);
    expect(earlyCsv.status).toBe(403);
    expect(earlyCsv.text).toContain('the results stay sealed until it closes');
    const earlyPublish = await ctx.browser.post(`${href}/publish`, {});
    expect(earlyPublish.status).toBe(403);
    expect(earlyPublish.text).not.toContain('Round 1');
    const tooEarly = await ctx.browser.post(`${href}/casting-decision`, { nomineeId: ada.id, reason: 'Chair' });
    expect(tooEarly.status).toBe(403);

    await closeVoting(t.db, award.id);
    const closed = await ctx.browser.get(href);
    expect(closed.text).toContain('Round 1');
    expect(closed.text).toContain('<meter class="bar" min="0" max="4" value="2"');
    expect(closed.text).toContain(
      'tied for the award with 2 votes each. An organiser&#39;s casting decision is needed.',
    );
    expect(closed.text).toContain('No winner yet: the tie below needs a casting decision.');
    expect(closed.text).not.toContain(`href="${href}/publish"`);
    const refusedPublish = await ctx.browser.post(`${href}/publish`, {});
    expect(refusedPublish.status).toBe(422);
    expect(refusedPublish.text).toContain('Record a casting decision before publishing.');

    const noReason = await ctx.browser.post(`${href}/casting-decision`, { nomineeId: ada.id, reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('Give the reason for the decision');
    const notTied = await ctx.browser.post(`${href}/casting-decision`, {
      nomineeId: award.nominees[2].id,
      reason: 'Chair',
    });
    expect(notTied.status).toBe(422);
    expect(notTied.text).toContain('The casting decision must choose one of the tied nominees.');
    const tieNoCsrf = await ctx.browser.post(
      `${href}/casting-decision`,
      { nomineeId: ada.id, reason: 'Chair' },
      { csrf: false },
    );
    expect(tieNoCsrf.status).toBe(403);
    expect(await t.db.query('SELECT 1 FROM award_tie_decisions WHERE award_id = $1', [award.id])).toEqual([]);

    const decided = await ctx.browser.post(`${href}/casting-decision`, {
      nomineeId: ada.id,
      reason: 'Chair’s casting vote',
    });
    expect(decided.status).toBe(303);
    const ready = await ctx.browser.get(href);
    expect(ready.text).toContain('Winner: Ada Lovelace');
    expect(ready.text).toContain(`href="${href}/publish"`);

    const csv = await ctx.browser.get(`${href}/audit.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/attachment/);
    expect(parseCsv(csv.text).some((row) => row[0] === 'winner' && row[2] === 'Ada Lovelace')).toBe(true);

    const publicPath = `/events/${ctx.event.slug}/awards/${award.id}`;
    const before = await t.http.get(publicPath);
    expect(before.status).toBe(404);
    expect(before.text).toContain('There are no published results at this address.');
    expect(before.text).not.toContain('Ada Lovelace');

    const confirm = await ctx.browser.get(`${href}/publish`);
    expect(confirm.text).toContain('Publish the results?');
    const [{ published }] = await t.db.query<Array<{ published: Date | null }>>(
      'SELECT results_published_at AS published FROM awards WHERE id = $1',
      [award.id],
    );
    expect(published).toBeNull();
    expect((await ctx.browser.post(`${href}/publish`, {}, { csrf: false })).status).toBe(403);
    expect((await ctx.browser.post(`${href}/publish`, {})).status).toBe(303);
    const again = await ctx.browser.post(`${href}/publish`, {});
    expect(again.status).toBe(409);
    expect(again.text).toContain('The results are already published.');

    const shown = await t.http.get(publicPath);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('Winner: Ada Lovelace');
    expect(shown.text).toContain('Round 1');
    expect((await ctx.browser.get(href)).text).toContain(`href="${publicPath}"`);
    // The personal page links to it.
    const delegate = await insertRegistration(t.db, ctx.event.id);
    expect((await t.http.get(`/r/${delegate.token}`)).text).toContain(`href="${publicPath}"`);
  });

  it('another event’s award, another event’s organiser, a draft event or a bad id: not found or refused', async () => {
    const ctx = await setUp(t);
    const award = await newAward(t, ctx);
    const other = await newAwardsEvent(t);
    await insertMember(t.db, other.event.id, ctx.organiser.id, 'organiser');
    const elsewhere = `/staff/events/${other.event.id}/awards/${award.id}`;
    expect((await ctx.browser.get(elsewhere)).status).toBe(404);
    expect((await ctx.browser.post(`${elsewhere}/nominees`, { name: 'Sneaky' })).status).toBe(404);
    expect((await ctx.browser.get(`${ctx.console}/not-a-uuid`)).status).toBe(400);

    const facilitator = await newStaff(t);
    await insertMember(t.db, ctx.event.id, facilitator.id, 'facilitator');
    const theirs = new Browser(t);
    await theirs.signIn(facilitator);
    expect((await theirs.get(`${ctx.console}/${award.id}`)).status).toBe(403);

    const draft = await insertEvent(t.db, { status: 'draft' });
    expect((await t.http.get(`/events/${draft.slug}/awards/${award.id}`)).status).toBe(404);
    expect((await t.http.get(`/events/${ctx.event.slug}/awards/not-a-uuid`)).status).toBe(404);
    expect((await t.http.get(`/events/${other.event.slug}/awards/${award.id}`)).status).toBe(404);
  });

  it('pages a popular award’s nominations, a hundred at a time, and refuses an offset it did not draw', async () => {
    const ctx = await setUp(t);
    const award = await newAward(t, ctx);
    await t.db.query(
      `INSERT INTO award_nominations (award_id, nominee_name, statement, created_at)
       SELECT $1, 'Nominee ' || lpad(n::text, 3, '0'), 'For all they do.', now() + make_interval(secs => n)
         FROM generate_series(1, 250) AS n`,
      [award.id],
    );
    const page = `${ctx.console}/${award.id}`;
    const first = await ctx.browser.get(page);
    expect(first.status).toBe(200);
    expect(first.text).toContain('Showing 1 to 100 of 250');
    expect(first.text).toContain(`href="${page}?offset=100#nominations-title" rel="next"`);
    expect(first.text).not.toContain('rel="prev"');
    const last = await ctx.browser.get(`${page}?offset=200`);
    expect(last.text).toContain('Showing 201 to 250 of 250');
    expect(last.text).toContain('Nominee 250');
    expect(last.text).not.toContain('Nominee 199');
    expect(last.text).toContain(`href="${page}?offset=100#nominations-title" rel="prev"`);
    expect(last.text).not.toContain('rel="next"');
    for (const offset of ['-1', 'ten', '1.5']) {
      const refused = await ctx.browser.get(`${page}?offset=${offset}`);
      expect(refused.status).toBe(400);
      expect(refused.headers['content-type']).toContain('text/html');
    }
  });
});
