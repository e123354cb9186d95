import { randomInt } from 'node:crypto';
import { dirname, join } from 'node:path';
import {
  type AwardsContext,
  type CreatedAward,
  closeVoting,
  insertDelegates,
  newAward,
  newAwardsEvent,
} from '../factories/awards.factory.js';
import type { InsertedDelegate } from '../factories/db-fixtures.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const VOTERS = 60;
const NOMINEES = 5;

/** P(X >= k) for X ~ Binomial(n, p). */
function binomialTail(n: number, p: number, k: number): number {
  let pmf = (1 - p) ** n;
  let tail = 0;
  for (let i = 0; i <= n; i += 1) {
    if (i >= k) tail += pmf;
    pmf *= ((n - i) / (i + 1)) * (p / (1 - p));
  }
  return tail;
}

/**
 * The most matches a guess may make by chance: with each voter's choice one of NOMINEES
 * equally often, a pairing of receipts with ballots that knows nothing matches each voter
 * with probability 1/NOMINEES; anything at or above this bound happens by chance less than
 * once in 100,000 (there are a dozen pairings tried, so the file fails by bad luck about once
 * in 10,000 runs).
 */
const CHANCE_BOUND = (() => {
  let k = 0;
  while (binomialTail(VOTERS, 1 / NOMINEES, k) >= 1e-5) k += 1;
  return k - 1;
})();

const shuffled = <T>(items: T[]): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

interface ReceiptRow {
  registration_id: string;
  receipt_code: string;
  xmin: string;
  ctid: string;
}
interface BallotRow {
  id: string;
  choice: string;
  xmin: string;
  ctid: string;
}

/** "(page,item)" → a number that sorts in physical order. */
const physical = (ctid: string): number => {
  const [page, item] = ctid.slice(1, -1).split(',').map(Number);
  return page * 10_000 + item;
};

/**
 * Ballot secrecy against a reader of the database: ballots are cast with known choices, the
 * vote closes, and then every link such a reader has between receipts (which name voters)
 * and ballots (which name choices) is tried. None may pair them better than chance.
 */
describe('ballot secrecy against a reader of the database', () => {
  let t: TestApp;
  let ctx: AwardsContext;

  beforeAll(async () => {
    t = await createTestApp({ processRole: 'api', rateLimitBallots: 1000, rateLimitPerAddress: 10_000 });
    ctx = await newAwardsEvent(t, { capacity: 1000 });
  });
  afterAll(async () => {
    await t.close();
  });

  /** Each voter with the nominee they are to vote for: every nominee equally often, in random order. */
  async function votersWithChoices(award: CreatedAward): Promise<Array<{ voter: InsertedDelegate; choice: string }>> {
    const voters = await insertDelegates(t.db, ctx.event.id, VOTERS);
    const choices = shuffled(Array.from({ length: VOTERS }, (_, i) => award.nominees[i % NOMINEES].id));
    return voters.map((voter, i) => ({ voter, choice: choices[i] }));
  }

  const cast = (awardId: string, voter: InsertedDelegate, choice: string) =>
    t.http.post(`/api/awards/${awardId}/ballots`).set(voter.auth).send({ nomineeId: choice }).expect(201);

  /** How many voters each way of ordering receipts and ballots pairs with their own choice. */
  async function linkage(awardId: string, truth: Map<string, string>): Promise<Record<string, number>> {
    const receipts = await t.db.query<ReceiptRow[]>(
      `SELECT registration_id, receipt_code, xmin::text AS xmin, ctid::text AS ctid
         FROM ballot_receipts WHERE award_id = $1`,
      [awardId],
    );
    const ballots = await t.db.query<BallotRow[]>(
      `SELECT id, choices[1]::text AS choice, xmin::text AS xmin, ctid::text AS ctid FROM ballots WHERE award_id = $1`,
      [awardId],
    );
    expect(receipts).toHaveLength(VOTERS);
    expect(ballots).toHaveLength(VOTERS);
    const receiptOrders: Record<string, (a: ReceiptRow, b: ReceiptRow) => number> = {
      'receipt xmin': (a, b) => Number(a.xmin) - Number(b.xmin) || physical(a.ctid) - physical(b.ctid),
      'receipt ctid': (a, b) => physical(a.ctid) - physical(b.ctid),
      'receipt code': (a, b) => a.receipt_code.localeCompare(b.receipt_code),
    };
    const ballotOrders: Record<string, (a: BallotRow, b: BallotRow) => number> = {
      'ballot xmin': (a, b) => Number(a.xmin) - Number(b.xmin) || physical(a.ctid) - physical(b.ctid),
      'ballot ctid': (a, b) => physical(a.ctid) - physical(b.ctid),
      'ballot id': (a, b) => a.id.localeCompare(b.id),
    };
    const matches: Record<string, number> = {};
    for (const [receiptName, byReceipt] of Object.entries(receiptOrders)) {
      const r = [...receipts].sort(byReceipt);
      for (const [ballotName, byBallot] of Object.entries(ballotOrders)) {
        const b = [...ballots].sort(byBallot);
        for (const [label, pairs] of [
          [`${receiptName} ~ ${ballotName}`, r.map((receipt, i) => [receipt, b[i]] as const)],
          [`${receiptName} ~ reversed ${ballotName}`, r.map((receipt, i) => [receipt, b[b.length - 1 - i]] as const)],
        ] as const) {
          matches[label] = pairs.filter(
            ([receipt, ballot]) => truth.get(receipt.registration_id) === ballot.choice,
          ).length;
        }
      }
    }
    // The same transaction id on both sides would name the ballot outright.
    const receiptXmins = new Set(receipts.map((row) => row.xmin));
    matches['shared xmin'] = ballots.filter((ballot) => receiptXmins.has(ballot.xmin)).length;
    return matches;
  }

  /** Closes the vote and reads the results as the organiser: the sealed ballots are counted in. */
  async function close(awardId: string): Promise<void> {
    await closeVoting(t.db, awardId);
    await t.http.get(`/api/awards/${awardId}/results`).set(ctx.organiser.auth).expect(200);
  }

  it.each([
    ['one by one', true],
    ['all at once', false],
  ])('no link pairs voters with their choices better than chance: ballots cast %s', async (_, sequential) => {
    const award = await newAward(t, ctx, {
      nominees: Array.from({ length: NOMINEES }, (_, i) => ({ name: `Nominee ${i + 1}` })),
    });
    const voters = await votersWithChoices(award);
    if (sequential) {
      for (const { voter, choice } of voters) await cast(award.id, voter, choice);
    } else {
      await Promise.all(voters.map(({ voter, choice }) => cast(award.id, voter, choice)));
    }
    await close(award.id);

    const truth = new Map(voters.map(({ voter, choice }) => [voter.registration.id, choice]));
    const matches = await linkage(award.id, truth);
    const { 'shared xmin': sharedXmin, ...pairings } = matches;
    expect(sharedXmin).toBe(0);
    const better = Object.entries(pairings).filter(([, n]) => n > CHANCE_BOUND);
    expect({ better, bound: CHANCE_BOUND }).toEqual({ better: [], bound: CHANCE_BOUND });
    // The counting itself saw every ballot as cast.
    const results = await t.http.get(`/api/awards/${award.id}/results`).set(ctx.organiser.auth).expect(200);
    expect(results.body).toMatchObject({ ballots: VOTERS, receipts: VOTERS, receiptsMatchBallots: true });
    const counts = (results.body as { rounds: Array<{ counts: Array<{ votes: number }> }> }).rounds[0].counts;
    expect(counts.map((c) => c.votes)).toEqual(Array(NOMINEES).fill(VOTERS / NOMINEES));
  });

  it('keeps nothing that orders ballots in time: no time, no sequence, and the sealed pool is gone after the close', async () => {
    const columns = await t.db.query<Array<{ table_name: string; column_name: string; data_type: string }>>(
      `SELECT table_name, column_name, data_type, column_default FROM information_schema.columns
        WHERE table_name IN ('ballots', 'sealed_ballots', 'ballot_receipts')
          AND (data_type LIKE 'time%' OR data_type = 'date' OR column_default LIKE 'nextval%'
               OR data_type IN ('bigint', 'integer', 'smallint'))`,
    );
    expect(columns).toEqual([]);
    const award = await newAward(t, ctx);
    const [voter] = await insertDelegates(t.db, ctx.event.id, 1);
    await cast(award.id, voter, award.nominees[0].id);
    const pooled = async () =>
      (
        await t.db.query<Array<{ sealed: number; counted: number }>>(
          `SELECT (SELECT count(*)::int FROM sealed_ballots WHERE award_id = $1) AS sealed,
                  (SELECT count(*)::int FROM ballots WHERE award_id = $1) AS counted`,
          [award.id],
        )
      )[0];
    // While voting is open the ballot is sealed: nothing to count, and the sealed value names no nominee.
    expect(await pooled()).toEqual({ sealed: 1, counted: 0 });
    const [{ sealed }] = await t.db.query<Array<{ sealed: string }>>(
      `SELECT sealed FROM sealed_ballots WHERE award_id = $1`,
      [award.id],
    );
    for (const nominee of award.nominees) expect(sealed).not.toContain(nominee.id);
    await t.http.get(`/api/awards/${award.id}/results`).set(ctx.organiser.auth).expect(403);
    await close(award.id);
    expect(await pooled()).toEqual({ sealed: 0, counted: 1 });
  });

  it("never puts a voter's choice in PostgreSQL's statement log", async () => {
    // The server's log as scripts/services.sh starts it: beside the data directory.
    const [{ log }] = await t.db.query<Array<{ log: string }>>(
      `SELECT current_setting('data_directory') AS log, current_database() AS db`,
    );
    const logFile = join(dirname(log), 'postgres.log');
    const size = async () =>
      Number((await t.db.query<Array<{ size: string }>>(`SELECT size FROM pg_stat_file($1)`, [logFile]))[0].size);
    const [{ db }] = await t.db.query<Array<{ db: string }>>(`SELECT current_database() AS db`);
    // Every statement of this test's database is logged, with its parameters, from new connections on.
    await t.db.query(`ALTER DATABASE ${db} SET log_statement = 'all'`);
    await t.db.destroy();
    await t.db.initialize();
    const from = await size();

    const award = await newAward(t, ctx, {
      nominees: Array.from({ length: NOMINEES }, (_, i) => ({ name: `Logged nominee ${i + 1}` })),
    });
    const voters = await votersWithChoices(award);
    const receipts: string[] = [];
    for (const { voter, choice } of voters.slice(0, 10)) {
      receipts.push(((await cast(award.id, voter, choice)).body as { receipt: string }).receipt);
    }
    await Promise.all(
      voters.slice(10).map(async ({ voter, choice }) => {
        receipts.push(((await cast(award.id, voter, choice)).body as { receipt: string }).receipt);
      }),
    );
    await close(award.id);
    await t.db.query(`ALTER DATABASE ${db} RESET log_statement`);

    const to = await size();
    const [{ text }] = await t.db.query<Array<{ text: string }>>(`SELECT pg_read_file($1, $2, $3) AS text`, [
      logFile,
      from,
      to - from,
    ]);
    const lines = text.split('\n');
    const nominees = award.nominees.map((n) => n.id);
    // Each receipt code appears in the log (the check below can see the ballot statements) ...
    const castLines = lines.filter((line) => receipts.some((code) => line.includes(code)));
    expect(receipts.filter((code) => !castLines.some((line) => line.includes(code)))).toEqual([]);
    // ... and no line that carries a receipt, or a voter's token hash, names a nominee.
    const hashes = voters.map(({ voter }) => voter.registration.tokenHash);
    const voterLines = lines.filter((line) => hashes.some((hash) => line.includes(hash)) || castLines.includes(line));
    const leaking = voterLines.filter((line) => nominees.some((id) => line.includes(id)));
    expect({ leaking: leaking.length, first: leaking.slice(0, 2) }).toEqual({ leaking: 0, first: [] });
  });
});
