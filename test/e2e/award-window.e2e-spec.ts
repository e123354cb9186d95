import { type AwardsContext, closeVoting, newAward, newAwardsEvent } from '../factories/awards.factory.js';
import { insertRegistration } from '../factories/db-fixtures.js';
import { parseCsv } from '../setup/csv.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const MINUTE = 60_000;
const inMinutes = (n: number): string => new Date(Date.now() + n * MINUTE).toISOString();

/**
 * Sealed means sealed: an organiser cannot close a vote early to read the count and then
 * reopen it, and every change to the voting window stays on record.
 */
describe('awards: the voting window', () => {
  let t: TestApp;
  let ctx: AwardsContext;

  beforeAll(async () => {
    // The worker role too: its poller counts in the sealed ballots of closed awards.
    t = await createTestApp({ processRole: 'all', awardCloseCheckMs: 200 });
    ctx = await newAwardsEvent(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const patch = (awardId: string, body: object) =>
    t.http.patch(`/api/awards/${awardId}`).set(ctx.organiser.auth).send(body);
  const closesAt = async (awardId: string) =>
    (
      await t.db.query<Array<{ closes: Date }>>(`SELECT voting_closes_at AS closes FROM awards WHERE id = $1`, [
        awardId,
      ])
    )[0].closes.toISOString();
  const trail = (awardId: string) =>
    t.db.query<Array<{ kind: string; closes: Date; previous: Date | null }>>(
      `SELECT kind, voting_closes_at AS closes, previous_closes_at AS previous
         FROM award_window_changes WHERE award_id = $1 ORDER BY changed_at, id`,
      [awardId],
    );

  it('moves freely before voting opens', async () => {
    const award = await newAward(t, ctx, { open: false });
    await patch(award.id, { votingClosesAt: inMinutes(45) }).expect(200);
    await patch(award.id, { votingClosesAt: inMinutes(120) }).expect(200);
    expect(await closesAt(award.id)).toBe(
      (await t.http.get(`/api/awards/${award.id}`).expect(200)).body.votingClosesAt,
    );
    expect((await trail(award.id)).map((row) => row.kind)).toEqual(['created', 'moved', 'moved']);
  });

  it('once voting has opened, the close only moves later: closing early to peek is refused and changes nothing', async () => {
    const award = await newAward(t, ctx);
    const before = await closesAt(award.id);
    const voter = await insertRegistration(t.db, ctx.event.id);
    await t.http
      .post(`/api/awards/${award.id}/ballots`)
      .set(voter.auth)
      .send({ nomineeId: award.nominees[0].id })
      .expect(201);

    for (const earlier of [inMinutes(-1), inMinutes(30)]) {
      const refused = await patch(award.id, { votingClosesAt: earlier }).expect(422);
      expect(refused.body.message).toMatch(/can only move later/);
    }
    expect(await closesAt(award.id)).toBe(before);
    // Still sealed: no count for anyone while voting is open.
    await t.http.get(`/api/awards/${award.id}/results`).set(ctx.organiser.auth).expect(403);
    await t.http.get(`/api/awards/${award.id}/audit.csv`).set(ctx.organiser.auth).expect(403);

    const later = inMinutes(90);
    await patch(award.id, { votingClosesAt: later }).expect(200);
    expect(await closesAt(award.id)).toBe(later);
    expect((await trail(award.id)).map((row) => [row.kind, row.previous?.toISOString() ?? null])).toEqual([
      ['created', null],
      ['moved', before],
    ]);
  });

  it('a closed vote never reopens, and its opening time stays fixed', async () => {
    const award = await newAward(t, ctx);
    await closeVoting(t.db, award.id);
    const closed = await closesAt(award.id);
    const reopen = await patch(award.id, { votingClosesAt: inMinutes(60) }).expect(422);
    expect(reopen.body.message).toMatch(/closed vote never reopens/);
    await patch(award.id, { votingOpensAt: inMinutes(-30) }).expect(422);
    // Once counted in, still closed for good.
    await t.http.get(`/api/awards/${award.id}/results`).set(ctx.organiser.auth).expect(200);
    await patch(award.id, { votingClosesAt: inMinutes(60) }).expect(422);
    expect(await closesAt(award.id)).toBe(closed);
    const voter = await insertRegistration(t.db, ctx.event.id);
    await t.http
      .post(`/api/awards/${award.id}/ballots`)
      .set(voter.auth)
      .send({ nomineeId: award.nominees[0].id })
      .expect(422);
    // The title may still change.
    await patch(award.id, { title: 'Renamed after the close' }).expect(200);
  });

  it('a released award takes no ballots even if its close were moved in the database', async () => {
    const award = await newAward(t, ctx);
    await closeVoting(t.db, award.id);
    await t.http.get(`/api/awards/${award.id}/results`).set(ctx.organiser.auth).expect(200);
    await t.db.query(`UPDATE awards SET voting_closes_at = now() + interval '1 hour' WHERE id = $1`, [award.id]);
    const voter = await insertRegistration(t.db, ctx.event.id);
    const late = await t.http
      .post(`/api/awards/${award.id}/ballots`)
      .set(voter.auth)
      .send({ nomineeId: award.nominees[0].id })
      .expect(422);
    expect(late.body.message).toMatch(/closed/);
    const [{ n }] = await t.db.query<Array<{ n: number }>>(
      `SELECT (SELECT count(*) FROM sealed_ballots WHERE award_id = $1)
              + (SELECT count(*) FROM ballot_receipts WHERE award_id = $1)::int AS n`,
      [award.id],
    );
    expect(Number(n)).toBe(0);
  });

  it('counts in the sealed ballots of a closed award without anyone asking (the worker)', async () => {
    const award = await newAward(t, ctx);
    const voter = await insertRegistration(t.db, ctx.event.id);
    await t.http
      .post(`/api/awards/${award.id}/ballots`)
      .set(voter.auth)
      .send({ nomineeId: award.nominees[0].id })
      .expect(201);
    const state = async () =>
      (
        await t.db.query<Array<{ sealed: number; counted: number; released: boolean }>>(
          `SELECT (SELECT count(*)::int FROM sealed_ballots WHERE award_id = $1) AS sealed,
                  (SELECT count(*)::int FROM ballots WHERE award_id = $1) AS counted,
                  (SELECT ballots_released_at IS NOT NULL FROM awards WHERE id = $1) AS released`,
          [award.id],
        )
      )[0];
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await state()).toEqual({ sealed: 1, counted: 0, released: false });
    await closeVoting(t.db, award.id);
    const deadline = Date.now() + 10_000;
    while ((await state()).released === false && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await state()).toEqual({ sealed: 0, counted: 1, released: true });
  });

  it('keeps the trail append-only', async () => {
    const award = await newAward(t, ctx);
    await expect(
      t.db.query(`UPDATE award_window_changes SET voting_closes_at = now() WHERE award_id = $1`, [award.id]),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM award_window_changes WHERE award_id = $1`, [award.id])).rejects.toThrow(
      /append-only/,
    );
    expect(await trail(award.id)).toHaveLength(1);
  });

  it('shows every change to the window in the audit export, and keeps formula-like cells as text', async () => {
    const award = await newAward(t, ctx, {
      body: { title: '=HYPERLINK("https://evil.example","Award")' },
      nominees: [{ name: '+SUM(1,2)' }, { name: '@cmd' }, { name: '-2+3' }, { name: 'Plain Name' }],
    });
    const voter = await insertRegistration(t.db, ctx.event.id);
    await t.http
      .post(`/api/awards/${award.id}/ballots`)
      .set(voter.auth)
      .send({ nomineeId: award.nominees[0].id })
      .expect(201);
    await patch(award.id, { votingClosesAt: inMinutes(75) }).expect(200);
    await closeVoting(t.db, award.id);

    const response = await t.http.get(`/api/awards/${award.id}/audit.csv`).set(ctx.organiser.auth).expect(200);
    const rows = parseCsv(response.text);
    const window = rows.filter((row) => row[0] === 'window').map((row) => row[3]);
    expect(window).toHaveLength(3);
    expect(window[0]).toMatch(/^created by Staff Member: voting opens .*, closes /);
    expect(window[1]).toMatch(/^moved by Staff Member: voting opens .*\(was opens .*, closes .*\)$/);
    expect(window[2]).toMatch(/^closed: sealed ballots counted in/);

    const cells = rows.flat();
    expect(cells).toContain(`'=HYPERLINK("https://evil.example","Award")`);
    expect(cells).toEqual(expect.arrayContaining(["'+SUM(1,2)", "'@cmd", "'-2+3", 'Plain Name']));
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
  });
});
