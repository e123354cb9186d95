import { insertDelegates, newAward, newAwardsEvent, type AwardsContext } from '../factories/awards.factory.js';
import { insertAgency, type InsertedDelegate } from '../factories/db-fixtures.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const counts = async (t: TestApp, awardId: string) =>
  (
    await t.db.query<Array<{ receipts: number; agencies: number; ballots: number }>>(
      `SELECT (SELECT count(*)::int FROM ballot_receipts WHERE award_id = $1) AS receipts,
              (SELECT count(DISTINCT agency_id)::int FROM ballot_receipts WHERE award_id = $1) AS agencies,
              (SELECT count(*)::int FROM ballots WHERE award_id = $1)
                + (SELECT count(*)::int FROM sealed_ballots WHERE award_id = $1) AS ballots`,
      [awardId],
    )
  )[0];

/** Each delegate sends one ballot, all at once; the answers' statuses. */
async function storm(t: TestApp, awardId: string, nomineeId: string, delegates: InsertedDelegate[]): Promise<number[]> {
  const responses = await Promise.all(
    delegates.map((d) => t.http.post(`/api/awards/${awardId}/ballots`).set(d.auth).send({ nomineeId })),
  );
  return responses.map((r) => r.status);
}

describe('one ballot per member agency', () => {
  let t: TestApp;
  let ctx: AwardsContext;
  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
    ctx = await newAwardsEvent(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('30 delegates of each of 5 agencies vote at once: exactly one ballot per agency, the rest told their agency voted', async () => {
    const award = await newAward(t, ctx, { body: { oneVotePerAgency: true } });
    const shown = await t.http.get(`/api/awards/${award.id}`).expect(200);
    expect(shown.body.oneVotePerAgency).toBe(true);
    const delegates: InsertedDelegate[] = [];
    for (let i = 0; i < 5; i++) {
      const agencyId = await insertAgency(t.db, `Ballot Agency ${i} ${award.id.slice(0, 6)}`);
      delegates.push(...(await insertDelegates(t.db, ctx.event.id, 30, { agencyId })));
    }
    const statuses = await storm(t, award.id, award.nominees[0].id, delegates);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(145);
    expect(await counts(t, award.id)).toEqual({ receipts: 5, agencies: 5, ballots: 5 });

    // The one who cast their agency's ballot is told they voted; a colleague, that their agency did.
    const receipts: Array<{ registration_id: string }> = await t.db.query(
      `SELECT registration_id FROM ballot_receipts WHERE award_id = $1`,
      [award.id],
    );
    const voters = new Set(receipts.map((r) => r.registration_id));
    const again = async (d: InsertedDelegate) =>
      t.http.post(`/api/awards/${award.id}/ballots`).set(d.auth).send({ nomineeId: award.nominees[1].id });
    const voter = await again(delegates.find((d) => voters.has(d.registration.id))!);
    expect([voter.status, voter.body.message]).toEqual([409, expect.stringContaining('You have already voted')]);
    const colleague = await again(delegates.find((d) => !voters.has(d.registration.id))!);
    expect([colleague.status, colleague.body.message]).toEqual([409, expect.stringContaining('Your agency has voted')]);

    const audit = await t.http.get(`/api/awards/${award.id}/audit`).set(ctx.organiser.auth).expect(200);
    expect(audit.body).toMatchObject({ eligible: 5, receipts: 5, ballots: 5, receiptsMatchBallots: true });
  });

  it('a delegate of no agency is told why they cannot vote; the colleague’s page says their agency has voted', async () => {
    const award = await newAward(t, ctx, { body: { oneVotePerAgency: true } });
    const [loner] = await insertDelegates(t.db, ctx.event.id, 1, { agencyId: null });
    const refused = await t.http
      .post(`/api/awards/${award.id}/ballots`)
      .set(loner.auth)
      .send({ nomineeId: award.nominees[0].id });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('one ballot per member agency');

    const agencyId = await insertAgency(t.db, `Page Agency ${award.id.slice(0, 6)}`);
    const [first, colleague] = await insertDelegates(t.db, ctx.event.id, 2, { agencyId });
    await t.http
      .post(`/api/awards/${award.id}/ballots`)
      .set(first.auth)
      .send({ nomineeId: award.nominees[0].id })
      .expect(201);
    const page = await t.http.get(`/r/${colleague.token}/awards/${award.id}`).expect(200);
    expect(page.text).toContain('Your agency has voted');
    expect(page.text).not.toContain('name="nomineeId"');
    const home = await t.http.get(`/r/${colleague.token}`).expect(200);
    expect(home.text).not.toContain(`/awards/${award.id}" class="button"`);

    // A colleague's ballot through the page (scripts off) is refused with the same reason, and nothing is written.
    const before = await counts(t, award.id);
    const posted = await t.http
      .post(`/r/${colleague.token}/awards/${award.id}/ballot`)
      .set('Origin', t.config.appUrl)
      .type('form')
      .send({ nomineeId: award.nominees[1].id });
    expect(posted.status).toBe(409);
    expect(posted.text).toContain('Your agency has voted');
    expect(await counts(t, award.id)).toEqual(before);
  });

  it('an award without the rule still takes one ballot per delegate', async () => {
    const award = await newAward(t, ctx);
    const agencyId = await insertAgency(t.db, `Plain Agency ${award.id.slice(0, 6)}`);
    const delegates = await insertDelegates(t.db, ctx.event.id, 4, { agencyId });
    expect(await storm(t, award.id, award.nominees[0].id, delegates)).toEqual([201, 201, 201, 201]);
  });

  it('control: without the agency index the same storm lets an agency vote more than once', async () => {
    // This test file's own database: the guard is removed only here, after the tests above.
    await t.db.query('DROP INDEX uq_ballot_receipts_agency');
    const award = await newAward(t, ctx, { body: { oneVotePerAgency: true } });
    const agencyId = await insertAgency(t.db, `Control Agency ${award.id.slice(0, 6)}`);
    const delegates = await insertDelegates(t.db, ctx.event.id, 30, { agencyId });
    await storm(t, award.id, award.nominees[0].id, delegates);
    expect((await counts(t, award.id)).receipts).toBeGreaterThan(1);
  });
});
