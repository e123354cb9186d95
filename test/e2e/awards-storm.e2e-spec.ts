import type { AddressInfo } from 'node:net';
import {
  type AwardsContext,
  type CreatedAward,
  insertDelegates,
  newAward,
  newAwardsEvent,
} from '../factories/awards.factory.js';
import type { InsertedDelegate } from '../factories/db-fixtures.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/**
 * Every delegate sends the same ballot five times at once. The receipt's primary key
 * (award, registration) must let exactly one through per delegate, with its ballot.
 */
describe('awards: a vote storm', () => {
  let t: TestApp;
  let ctx: AwardsContext;
  let baseUrl: string;

  beforeAll(async () => {
    // 2,500 ballots from one address within a second: the per-token limit's 10x IP backstop must allow it.
    t = await createTestApp({ processRole: 'api', rateLimitBallots: 1000, rateLimitPerAddress: 10_000 });
    // 2,500 connections open at once: a backlog above Node's default 511 keeps the kernel from
    // dropping (then resetting) the excess while the server is busy, as it did on a loaded machine.
    await t.app.listen({ port: 0, host: '127.0.0.1', backlog: 4096 });
    const address = t.app.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${address.port}`;
    ctx = await newAwardsEvent(t, { capacity: 1000 });
  });
  afterAll(async () => {
    await t.close();
  });

  async function storm(award: CreatedAward, delegates: InsertedDelegate[], copies: number): Promise<number[]> {
    const requests = delegates.flatMap((delegate, i) => {
      const body = JSON.stringify({ nomineeId: award.nominees[i % award.nominees.length].id });
      return Array.from({ length: copies }, () =>
        fetch(`${baseUrl}/api/awards/${award.id}/ballots`, {
          method: 'POST',
          headers: { ...delegate.auth, 'content-type': 'application/json' },
          body,
        }).then(async (response) => {
          await response.arrayBuffer();
          return response.status;
        }),
      );
    });
    return Promise.all(requests);
  }

  const counts = async (awardId: string) =>
    (
      await t.db.query<Array<{ receipts: number; ballots: number; codes: number }>>(
        `SELECT (SELECT count(*)::int FROM ballot_receipts WHERE award_id = $1) AS receipts,
                (SELECT count(DISTINCT receipt_code)::int FROM ballot_receipts WHERE award_id = $1) AS codes,
                (SELECT count(*)::int FROM ballots WHERE award_id = $1)
                  + (SELECT count(*)::int FROM sealed_ballots WHERE award_id = $1) AS ballots`,
        [awardId],
      )
    )[0];

  it('500 delegates × 5 identical ballots at once → exactly 500 receipts and 500 ballots', async () => {
    const award = await newAward(t, ctx);
    const delegates = await insertDelegates(t.db, ctx.event.id, 500);
    const statuses = await storm(award, delegates, 5);

    const tally = statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
    expect(tally).toEqual({ 201: 500, 409: 2000 });
    expect(await counts(award.id)).toEqual({ receipts: 500, codes: 500, ballots: 500 });

    const audit = await t.http.get(`/api/awards/${award.id}/audit`).set(ctx.organiser.auth).expect(200);
    expect(audit.body).toMatchObject({ eligible: 500, receipts: 500, ballots: 500, receiptsMatchBallots: true });
  });

  it('control: without the receipt constraint the same storm lets duplicates through', async () => {
    // This test file's own database: the guard is removed only here, after the real test.
    await t.db.query('ALTER TABLE ballot_receipts DROP CONSTRAINT uq_ballot_receipts_voter');
    const award = await newAward(t, ctx);
    const delegates = await insertDelegates(t.db, ctx.event.id, 100);
    await storm(award, delegates, 5);
    const after = await counts(award.id);
    expect(after?.receipts).toBe(after?.ballots);
    expect(after?.receipts).toBeGreaterThan(100);
  });
});
