import { Registration } from '../../src/registrations/registration.entity.js';
import {
  awardBody,
  type AwardsContext,
  closeVoting,
  newAward,
  newAwardsEvent,
  openVoting,
} from '../factories/awards.factory.js';
import { insertEvent, insertMember, insertRegistration } from '../factories/db-fixtures.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const MINUTE = 60_000;
const inMinutes = (n: number): string => new Date(Date.now() + n * MINUTE).toISOString();

describe('awards', () => {
  let t: TestApp;
  let ctx: AwardsContext;
  let outsider: StaffUser;

  beforeAll(async () => {
    // Awards need no queue worker; the API role alone keeps the test light.
    t = await createTestApp({ processRole: 'api' });
    ctx = await newAwardsEvent(t);
    outsider = await newStaff(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const delegate = (overrides: Partial<Registration> = {}) => insertRegistration(t.db, ctx.event.id, overrides);

  describe('windows and rules', () => {
    it('creates an award and states its phase', async () => {
      const response = await t.http
        .post(`/api/events/${ctx.event.id}/awards`)
        .set(ctx.organiser.auth)
        .send(
          awardBody({
            nominationsOpenAt: inMinutes(-10),
            nominationsCloseAt: inMinutes(10),
            votingOpensAt: inMinutes(20),
            votingClosesAt: inMinutes(80),
            method: 'ranked',
            tiePolicy: 'casting',
          }),
        )
        .expect(201);
      expect(response.body).toMatchObject({
        phase: 'nominating',
        method: 'ranked',
        tiePolicy: 'casting',
        nominees: [],
        results: null,
      });
    });

    it.each([
      [
        'voting closing before it opens',
        { votingOpensAt: inMinutes(10), votingClosesAt: inMinutes(5) },
        /open before it closes/,
      ],
      [
        'voting opening before nominations close',
        { nominationsOpenAt: inMinutes(-5), nominationsCloseAt: inMinutes(30), votingOpensAt: inMinutes(10) },
        /after nominations close/,
      ],
      ['only one nomination time', { nominationsOpenAt: inMinutes(-5) }, /both/],
      [
        'nominations closing before they open',
        { nominationsOpenAt: inMinutes(-5), nominationsCloseAt: inMinutes(-10) },
        /open before they close/,
      ],
    ])('refuses %s with 422', async (_, overrides, message) => {
      const response = await t.http
        .post(`/api/events/${ctx.event.id}/awards`)
        .set(ctx.organiser.auth)
        .send(awardBody(overrides))
        .expect(422);
      expect(response.body.message).toMatch(message);
    });

    it('validates the body and who may create', async () => {
      await t.http
        .post(`/api/events/${ctx.event.id}/awards`)
        .set(ctx.organiser.auth)
        .send(awardBody({ method: 'borda', extra: 1 }))
        .expect(400);
      await t.http.post(`/api/events/${ctx.event.id}/awards`).set(outsider.auth).send(awardBody()).expect(403);
      await t.http.post(`/api/events/${ctx.event.id}/awards`).send(awardBody()).expect(401);
    });

    it('fixes the tie policy, method and eligibility once voting opens, but lets the closing time move', async () => {
      const award = await newAward(t, ctx);
      for (const change of [{ tiePolicy: 'casting' }, { method: 'ranked' }, { onlyCheckedIn: true }]) {
        const response = await t.http.patch(`/api/awards/${award.id}`).set(ctx.organiser.auth).send(change).expect(422);
        expect(response.body.message).toMatch(/Voting has opened/);
      }
      await t.http.patch(`/api/awards/${award.id}`).set(ctx.organiser.auth).send({ title: 'Renamed' }).expect(200);
      const moved = await t.http
        .patch(`/api/awards/${award.id}`)
        .set(ctx.organiser.auth)
        .send({ votingClosesAt: inMinutes(120) })
        .expect(200);
      expect(moved.body.phase).toBe('voting');
      await t.http
        .patch(`/api/awards/${award.id}`)
        .set(ctx.organiser.auth)
        .send({ votingClosesAt: inMinutes(-120) })
        .expect(422);
      await t.http.patch(`/api/awards/${award.id}`).set(outsider.auth).send({ title: 'x' }).expect(403);
    });

    it('lets the tie policy change before voting opens, and fixes the shortlist once it has', async () => {
      const award = await newAward(t, ctx, { open: false });
      const changed = await t.http
        .patch(`/api/awards/${award.id}`)
        .set(ctx.organiser.auth)
        .send({ tiePolicy: 'casting' })
        .expect(200);
      expect(changed.body.tiePolicy).toBe('casting');
      await openVoting(t.db, award.id);
      await t.http.post(`/api/awards/${award.id}/nominees`).set(ctx.organiser.auth).send({ name: 'Late' }).expect(422);
      await t.http
        .delete(`/api/awards/${award.id}/nominees/${award.nominees[0].id}`)
        .set(ctx.organiser.auth)
        .expect(422);
    });
  });

  describe('nominations and the shortlist', () => {
    let awardId: string;
    beforeAll(async () => {
      const created = await t.http
        .post(`/api/events/${ctx.event.id}/awards`)
        .set(ctx.organiser.auth)
        .send(
          awardBody({
            nominationsOpenAt: inMinutes(-10),
            nominationsCloseAt: inMinutes(10),
            votingOpensAt: inMinutes(20),
            votingClosesAt: inMinutes(80),
          }),
        )
        .expect(201);
      awardId = created.body.id;
    });

    it('takes nominations from confirmed delegates during the window; organisers merge and shortlist', async () => {
      const nominator = await delegate({ name: 'Nina Nominator' });
      const first = await t.http
        .post(`/api/awards/${awardId}/nominations`)
        .set(nominator.auth)
        .send({ nomineeName: 'David Smith', nomineeOrganisation: 'North PCN', statement: 'Tireless.' })
        .expect(201);
      const second = await t.http
        .post(`/api/awards/${awardId}/nominations`)
        .set((await delegate()).auth)
        .send({ nomineeName: 'Dave Smith', statement: 'Brilliant with newcomers.' })
        .expect(201);

      const list = await t.http.get(`/api/awards/${awardId}/nominations`).set(ctx.organiser.auth).expect(200);
      expect(list.body.total).toBe(2);
      expect(list.body.items[0]).toMatchObject({ nomineeName: 'David Smith', nominatedBy: 'Nina Nominator' });

      const merged = await t.http
        .post(`/api/awards/${awardId}/nominations/${second.body.id}/merge`)
        .set(ctx.organiser.auth)
        .send({ intoNominationId: first.body.id })
        .expect(200);
      expect(merged.body.mergedIntoId).toBe(first.body.id);
      await t.http
        .post(`/api/awards/${awardId}/nominations/${first.body.id}/merge`)
        .set(ctx.organiser.auth)
        .send({ intoNominationId: first.body.id })
        .expect(422);

      const nominee = await t.http
        .post(`/api/awards/${awardId}/nominees`)
        .set(ctx.organiser.auth)
        .send({ fromNominationId: first.body.id, citation: 'For ten years of tireless work.' })
        .expect(201);
      expect(nominee.body).toMatchObject({ name: 'David Smith', organisation: 'North PCN' });

      const page = await t.http.get(`/api/awards/${awardId}`).expect(200);
      expect(page.body.nominees).toEqual([
        {
          id: nominee.body.id,
          name: 'David Smith',
          organisation: 'North PCN',
          citation: 'For ten years of tireless work.',
        },
      ]);
      expect(page.body.results).toBeNull();
      expect(JSON.stringify(page.body)).not.toContain('Nina');
    });

    it('refuses nominations that are too long, from the unconfirmed, or outside the window', async () => {
      const confirmed = await delegate();
      await t.http
        .post(`/api/awards/${awardId}/nominations`)
        .set(confirmed.auth)
        .send({ nomineeName: 'X', statement: 'a'.repeat(1501) })
        .expect(400);
      const waitlisted = await delegate({ status: 'waitlisted', waitlistSeq: '1' });
      const refused = await t.http
        .post(`/api/awards/${awardId}/nominations`)
        .set(waitlisted.auth)
        .send({ nomineeName: 'X', statement: 'y' })
        .expect(403);
      expect(refused.body.message).toMatch(/confirmed/);
      await t.http.post(`/api/awards/${awardId}/nominations`).send({ nomineeName: 'X', statement: 'y' }).expect(401);

      const closed = await newAward(t, ctx);
      const outside = await t.http
        .post(`/api/awards/${closed.id}/nominations`)
        .set(confirmed.auth)
        .send({ nomineeName: 'X', statement: 'y' })
        .expect(422);
      expect(outside.body.message).toMatch(/does not take nominations/);
    });

    it('shows nominations to the event organisers only', async () => {
      await t.http.get(`/api/awards/${awardId}/nominations`).set(outsider.auth).expect(403);
      await t.http
        .get(`/api/awards/${awardId}/nominations`)
        .set((await delegate()).auth)
        .expect(401);
      await t.http.get(`/api/awards/${awardId}/nominations`).expect(401);
    });
  });

  describe('ballots', () => {
    it('takes one ballot per delegate and gives a receipt', async () => {
      const award = await newAward(t, ctx);
      const voter = await delegate();
      const cast = await t.http
        .post(`/api/awards/${award.id}/ballots`)
        .set(voter.auth)
        .send({ nomineeId: award.nominees[0].id })
        .expect(201);
      expect(cast.body).toEqual({
        receipt: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
        awardId: award.id,
      });
      const again = await t.http
        .post(`/api/awards/${award.id}/ballots`)
        .set(voter.auth)
        .send({ nomineeId: award.nominees[1].id })
        .expect(409);
      expect(again.body.message).toMatch(/already voted/);
    });

    it('checks the choice against the shortlist and the counting method', async () => {
      const award = await newAward(t, ctx);
      const voter = await delegate();
      const post = (body: object) => t.http.post(`/api/awards/${award.id}/ballots`).set(voter.auth).send(body);
      await post({ nomineeId: '00000000-0000-4000-8000-000000000000' }).expect(422);
      await post({ ranking: [award.nominees[0].id, award.nominees[1].id] }).expect(422);
      await post({}).expect(422);
      await post({ nomineeId: 'nope' }).expect(400);
      await post({ nomineeId: award.nominees[0].id }).expect(201);
    });

    it('takes distinct shortlisted rankings for a ranked award', async () => {
      const award = await newAward(t, ctx, { body: { method: 'ranked' } });
      const [a, b, c] = award.nominees.map((n) => n.id);
      const voter = await delegate();
      const post = (body: object) => t.http.post(`/api/awards/${award.id}/ballots`).set(voter.auth).send(body);
      await post({ ranking: [a, b, a] }).expect(400);
      await post({ ranking: [a, '00000000-0000-4000-8000-000000000000'] }).expect(422);
      await post({ ranking: [a, b], nomineeId: c }).expect(422);
      await post({ ranking: [c, a] }).expect(201);
    });

    it('refuses ballots outside the voting window with 422', async () => {
      const award = await newAward(t, ctx, { open: false });
      const voter = await delegate();
      const early = await t.http
        .post(`/api/awards/${award.id}/ballots`)
        .set(voter.auth)
        .send({ nomineeId: award.nominees[0].id })
        .expect(422);
      expect(early.body.message).toMatch(/not opened yet/);
      await openVoting(t.db, award.id);
      await closeVoting(t.db, award.id);
      const late = await t.http
        .post(`/api/awards/${award.id}/ballots`)
        .set(voter.auth)
        .send({ nomineeId: award.nominees[0].id })
        .expect(422);
      expect(late.body.message).toMatch(/closed/);
      expect(await t.db.query('SELECT count(*)::int AS n FROM ballots WHERE award_id = $1', [award.id])).toEqual([
        { n: 0 },
      ]);
    });

    it('follows the closing time as organisers move it later while voting is under way; a closed vote never reopens', async () => {
      const award = await newAward(t, ctx);
      const vote = async (status: number) =>
        t.http
          .post(`/api/awards/${award.id}/ballots`)
          .set((await delegate()).auth)
          .send({ nomineeId: award.nominees[0].id })
          .expect(status);
      await vote(201);
      await t.http
        .patch(`/api/awards/${award.id}`)
        .set(ctx.organiser.auth)
        .send({ votingClosesAt: inMinutes(90) })
        .expect(200);
      await vote(201);
      await t.db.query(`UPDATE events SET status = 'cancelled' WHERE id = $1`, [ctx.event.id]);
      try {
        expect((await vote(422)).body.message).toMatch(/cancelled/);
      } finally {
        await t.db.query(`UPDATE events SET status = 'published' WHERE id = $1`, [ctx.event.id]);
      }
      await closeVoting(t.db, award.id);
      await vote(422);
      const reopen = await t.http
        .patch(`/api/awards/${award.id}`)
        .set(ctx.organiser.auth)
        .send({ votingClosesAt: inMinutes(30) })
        .expect(422);
      expect(reopen.body.message).toMatch(/never reopens/);
      await vote(422);
    });

    it('refuses delegates who are not eligible with 403 and the reason', async () => {
      const award = await newAward(t, ctx, { body: { onlyCheckedIn: true, excludeOwnOrganisation: true } });
      const [north] = award.nominees;
      const vote = (auth: Record<string, string>, nomineeId = award.nominees[1].id) =>
        t.http.post(`/api/awards/${award.id}/ballots`).set(auth).send({ nomineeId });

      const waitlisted = await delegate({ status: 'waitlisted', waitlistSeq: '7', checkedInAt: new Date() });
      expect((await vote(waitlisted.auth).expect(403)).body.message).toMatch(/confirmed delegates.*waitlisted/);

      const cancelled = await delegate({ status: 'cancelled', checkedInAt: new Date() });
      expect((await vote(cancelled.auth).expect(403)).body.message).toMatch(/cancelled/);

      const otherEvent = await insertEvent(t.db);
      const stranger = await insertRegistration(t.db, otherEvent.id, { checkedInAt: new Date() });
      expect((await vote(stranger.auth).expect(403)).body.message).toMatch(/another event/);

      const notHere = await delegate();
      expect((await vote(notHere.auth).expect(403)).body.message).toMatch(/checked in/);

      const colleague = await delegate({ organisation: ' north pcn ', checkedInAt: new Date() });
      expect((await vote(colleague.auth, north.id).expect(403)).body.message).toMatch(/own organisation/);
      await vote(colleague.auth).expect(201);
      // Of the same agency under another of its names: still their own organisation.
      const [agency] = await t.db.query<Array<{ id: string }>>(
        `INSERT INTO agencies (name, name_key, aliases, alias_keys)
         VALUES ('North Primary Care Network', 'north primary care network', '{North PCN}', '{north pcn}') RETURNING id`,
      );
      const member = await delegate({ organisation: 'North Primary Care Network', checkedInAt: new Date() });
      await t.db.query(`UPDATE registrations SET agency_id = $2 WHERE id = $1`, [member.registration.id, agency.id]);
      expect((await vote(member.auth, north.id).expect(403)).body.message).toMatch(/own organisation/);
      await vote(member.auth).expect(201);

      await t.db.getRepository(Registration).update(notHere.registration.id, { checkedInAt: new Date() });
      await vote(notHere.auth).expect(201);

      await vote({ Authorization: 'Bearer not-a-token' }).expect(401);
    });

    it('answers each of many simultaneous ballots by its own rules, though they share statements', async () => {
      const plurality = await newAward(t, ctx);
      const ranked = await newAward(t, ctx, { body: { method: 'ranked' } });
      const closed = await newAward(t, ctx);
      await closeVoting(t.db, closed.id);
      const [a, b, c] = ranked.nominees.map((n) => n.id);
      const rankings = [[a, b, c], [c], [b, a]];
      const voters = await Promise.all(Array.from({ length: 24 }, () => delegate()));
      const waitlisted = await delegate({ status: 'waitlisted', waitlistSeq: '9' });
      const stranger = await insertRegistration(t.db, (await insertEvent(t.db)).id);
      const post = (awardId: string, auth: Record<string, string>, body: object) =>
        t.http
          .post(`/api/awards/${awardId}/ballots`)
          .set(auth)
          .send(body)
          .then((response) => response.status);

      const burst = [
        ...voters.slice(0, 12).map((v, i) => post(plurality.id, v.auth, { nomineeId: plurality.nominees[i % 3].id })),
        ...voters.slice(12).map((v, i) => post(ranked.id, v.auth, { ranking: rankings[i % 3] })),
        // The same delegate twice at once, in the same award: one ballot, one 409.
        post(plurality.id, voters[12].auth, { nomineeId: plurality.nominees[0].id }),
        post(plurality.id, voters[12].auth, { nomineeId: plurality.nominees[1].id }),
        post(plurality.id, waitlisted.auth, { nomineeId: plurality.nominees[0].id }),
        post(plurality.id, stranger.auth, { nomineeId: plurality.nominees[0].id }),
        post(closed.id, voters[0].auth, { nomineeId: closed.nominees[0].id }),
      ];
      const statuses = await Promise.all(burst);
      expect(statuses.slice(0, 24)).toEqual(Array(24).fill(201));
      expect([...statuses.slice(24, 26)].sort()).toEqual([201, 409]);
      expect(statuses.slice(26)).toEqual([403, 403, 422]);

      // Ballots wait sealed until the close; the organisers' first look at the results counts them in.
      for (const award of [plurality, ranked]) {
        await closeVoting(t.db, award.id);
        await t.http.get(`/api/awards/${award.id}/results`).set(ctx.organiser.auth).expect(200);
      }
      const ballots = async (awardId: string) =>
        (
          await t.db.query<Array<{ choices: string[] }>>(
            `SELECT choices::text[] AS choices FROM ballots WHERE award_id = $1`,
            [awardId],
          )
        ).map((row) => row.choices.join(' > '));
      const receipts = async (awardId: string) =>
        (
          await t.db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM ballot_receipts WHERE award_id = $1`, [
            awardId,
          ])
        )[0].n;
      expect(await receipts(plurality.id)).toBe(13);
      expect(await ballots(plurality.id)).toHaveLength(13);
      expect(await receipts(ranked.id)).toBe(12);
      expect((await ballots(ranked.id)).sort()).toEqual(
        voters
          .slice(12)
          .map((_, i) => rankings[i % 3].join(' > '))
          .sort(),
      );
      expect(await receipts(closed.id)).toBe(0);
      expect(await ballots(closed.id)).toEqual([]);
    });
  });

  describe('results', () => {
    it('stay hidden before close and before publishing from everyone who should not see them', async () => {
      const award = await newAward(t, ctx);
      const voter = await delegate();
      await t.http
        .post(`/api/awards/${award.id}/ballots`)
        .set(voter.auth)
        .send({ nomineeId: award.nominees[0].id })
        .expect(201);
      const otherOrganiser = await newStaff(t);
      const otherEvent = await insertEvent(t.db);
      await insertMember(t.db, otherEvent.id, otherOrganiser.id, 'organiser');
      const facilitator = await newStaff(t);
      await insertMember(t.db, ctx.event.id, facilitator.id, 'facilitator');

      const results = `/api/awards/${award.id}/results`;
      const viewers: Array<Record<string, string>> = [
        voter.auth,
        outsider.auth,
        otherOrganiser.auth,
        facilitator.auth,
        {},
      ];
      const assertSealed = async (auth: Record<string, string>) => {
        const response = await t.http.get(results).set(auth).expect(403);
        expect(response.body).toEqual({ statusCode: 403, error: 'Forbidden', message: expect.any(String) });
        const page = await t.http.get(`/api/awards/${award.id}`).set(auth).expect(200);
        expect(page.body.results).toBeNull();
      };

      // While voting is open, not even the organisers.
      const early = await t.http.get(results).set(ctx.organiser.auth).expect(403);
      expect(early.body.message).toMatch(/sealed until it closes/);
      for (const auth of viewers) await assertSealed(auth);
      await t.http.post(`${results}/publish`).set(ctx.organiser.auth).expect(403);
      await t.http.get(`/api/awards/${award.id}/audit.csv`).set(ctx.organiser.auth).expect(403);

      await closeVoting(t.db, award.id);
      const organiserView = await t.http.get(results).set(ctx.organiser.auth).expect(200);
      expect(organiserView.body).toMatchObject({ published: false, ballots: 1, winners: [{ name: 'Ada Lovelace' }] });
      for (const auth of viewers) await assertSealed(auth);
      await t.http.post(`${results}/publish`).set(outsider.auth).expect(403);
      await t.http.post(`${results}/publish`).set(facilitator.auth).expect(403);

      const published = await t.http.post(`${results}/publish`).set(ctx.organiser.auth).expect(200);
      expect(published.body.published).toBe(true);
      await t.http.post(`${results}/publish`).set(ctx.organiser.auth).expect(409);
      for (const auth of viewers) {
        const seen = await t.http.get(results).set(auth).expect(200);
        expect(seen.body.winners).toEqual([{ nomineeId: award.nominees[0].id, name: 'Ada Lovelace' }]);
      }
      const page = await t.http.get(`/api/awards/${award.id}`).expect(200);
      expect(page.body).toMatchObject({ phase: 'published', results: { ballots: 1 } });
      // Published results cannot be reopened for voting.
      await t.http
        .patch(`/api/awards/${award.id}`)
        .set(ctx.organiser.auth)
        .send({ votingClosesAt: inMinutes(60) })
        .expect(422);
    });

    it('hides awards of an unpublished event from the public', async () => {
      const draft = await newAwardsEvent(t, { status: 'draft', publishedAt: null });
      const award = await newAward(t, draft);
      await t.http.get(`/api/awards/${award.id}`).expect(404);
      await t.http.get(`/api/events/${draft.event.id}/awards`).expect(404);
      await t.http.get(`/api/awards/${award.id}`).set(draft.organiser.auth).expect(200);
      await t.http.get(`/api/awards/${award.id}/results`).expect(403);
    });

    it('counts a ranked award in rounds with eliminations, transfers and exhausted ballots', async () => {
      const award = await newAward(t, ctx, {
        body: { method: 'ranked' },
        nominees: [{ name: 'A' }, { name: 'B' }, { name: 'C' }, { name: 'D' }],
      });
      const [a, b, c, d] = award.nominees.map((n) => n.id) as [string, string, string, string];
      const ballots = [
        ...Array<string[]>(5).fill([a, b]),
        ...Array<string[]>(4).fill([b, a]),
        ...Array<string[]>(3).fill([c, b]),
        ...Array<string[]>(2).fill([d]),
      ];
      for (const ranking of ballots) {
        const voter = await delegate();
        await t.http.post(`/api/awards/${award.id}/ballots`).set(voter.auth).send({ ranking }).expect(201);
      }
      await closeVoting(t.db, award.id);
      const results = await t.http.get(`/api/awards/${award.id}/results`).set(ctx.organiser.auth).expect(200);
      expect(results.body.winners).toEqual([{ nomineeId: b, name: 'B' }]);
      expect(results.body.rounds).toHaveLength(3);
      expect(results.body.rounds[0].eliminated).toEqual([{ nomineeId: d, name: 'D' }]);
      expect(results.body.rounds[1]).toMatchObject({
        exhausted: 2,
        transfers: [{ from: { name: 'D' }, to: [], exhausted: 2 }],
      });
      expect(results.body.rounds[2]).toMatchObject({
        counts: [
          { name: 'A', votes: 5 },
          { name: 'B', votes: 7 },
        ],
        transfers: [{ from: { name: 'C' }, to: [{ name: 'B', votes: 3 }], exhausted: 0 }],
      });
      expect(results.body).toMatchObject({ ballots: 14, receipts: 14, receiptsMatchBallots: true });
      expect(results.body.eligible).toBeGreaterThanOrEqual(14);
    });

    it('settles a tie by a recorded casting decision before the results can be published', async () => {
      const award = await newAward(t, ctx, { body: { tiePolicy: 'casting' } });
      const [ada, grace] = award.nominees;
      for (const nominee of [ada, grace, ada, grace]) {
        const voter = await delegate();
        await t.http
          .post(`/api/awards/${award.id}/ballots`)
          .set(voter.auth)
          .send({ nomineeId: nominee.id })
          .expect(201);
      }
      await t.http
        .post(`/api/awards/${award.id}/results/casting-decision`)
        .set(ctx.organiser.auth)
        .send({ nomineeId: ada.id, reason: 'Early' })
        .expect(403);
      await closeVoting(t.db, award.id);
      const pending = await t.http.get(`/api/awards/${award.id}/results`).set(ctx.organiser.auth).expect(200);
      expect(pending.body).toMatchObject({
        status: 'awaiting-casting-decision',
        winners: [],
        pendingTie: { kind: 'winner', round: 1, votes: 2 },
      });
      const refused = await t.http.post(`/api/awards/${award.id}/results/publish`).set(ctx.organiser.auth).expect(422);
      expect(refused.body.message).toMatch(/Ada Lovelace and Grace Hopper tied/);

      await t.http
        .post(`/api/awards/${award.id}/results/casting-decision`)
        .set(ctx.organiser.auth)
        .send({ nomineeId: award.nominees[2].id, reason: 'Not tied' })
        .expect(422);
      await t.http
        .post(`/api/awards/${award.id}/results/casting-decision`)
        .set(outsider.auth)
        .send({ nomineeId: grace.id, reason: 'x' })
        .expect(403);
      const decided = await t.http
        .post(`/api/awards/${award.id}/results/casting-decision`)
        .set(ctx.organiser.auth)
        .send({ nomineeId: grace.id, reason: "Chair's casting vote under rule 7" })
        .expect(200);
      expect(decided.body).toMatchObject({ status: 'decided', winners: [{ name: 'Grace Hopper' }], pendingTie: null });
      expect(decided.body.ties[0]).toMatchObject({
        settledBy: 'casting',
        chosen: { name: 'Grace Hopper' },
        reason: "Chair's casting vote under rule 7",
      });
      await t.http
        .post(`/api/awards/${award.id}/results/casting-decision`)
        .set(ctx.organiser.auth)
        .send({ nomineeId: grace.id, reason: 'again' })
        .expect(422);
      const published = await t.http
        .post(`/api/awards/${award.id}/results/publish`)
        .set(ctx.organiser.auth)
        .expect(200);
      expect(published.body.ties[0].statement).toMatch(/Casting decision: Grace Hopper wins/);
    });

    it('shares the award on a tie under the shared policy', async () => {
      const award = await newAward(t, ctx);
      const [ada, grace] = award.nominees;
      for (const nominee of [ada, grace]) {
        const voter = await delegate();
        await t.http
          .post(`/api/awards/${award.id}/ballots`)
          .set(voter.auth)
          .send({ nomineeId: nominee.id })
          .expect(201);
      }
      await closeVoting(t.db, award.id);
      const results = await t.http.post(`/api/awards/${award.id}/results/publish`).set(ctx.organiser.auth).expect(200);
      expect(results.body.winners.map((w: { name: string }) => w.name)).toEqual(['Ada Lovelace', 'Grace Hopper']);
      expect(results.body.ties[0].statement).toMatch(/share the award/);
    });
  });

  describe('audit', () => {
    it('exports counts, turnout and receipt codes without names, and checks receipts against ballots', async () => {
      const award = await newAward(t, ctx);
      const receipts: string[] = [];
      const voters = [];
      for (let i = 0; i < 3; i += 1) {
        const voter = await delegate({ name: `Secret Voter ${i}`, email: `secret-${i}-${Date.now()}@example.org` });
        voters.push(voter);
        const cast = await t.http
          .post(`/api/awards/${award.id}/ballots`)
          .set(voter.auth)
          .send({ nomineeId: award.nominees[i % 2].id })
          .expect(201);
        receipts.push(cast.body.receipt);
      }
      const check = await t.http.get(`/api/awards/${award.id}/audit`).set(ctx.organiser.auth).expect(200);
      expect(check.body).toMatchObject({ receipts: 3, ballots: 3, receiptsMatchBallots: true });
      await t.http.get(`/api/awards/${award.id}/audit`).set(outsider.auth).expect(403);

      await closeVoting(t.db, award.id);
      const csv = await t.http.get(`/api/awards/${award.id}/audit.csv`).set(ctx.organiser.auth).expect(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.text).toContain('turnout,,receipts equal ballots,yes');
      expect(csv.text).toContain('count,1,Ada Lovelace,2');
      expect(csv.text).toContain('count,1,Grace Hopper,1');
      for (const code of receipts) expect(csv.text).toContain(`receipt,,${code},`);
      for (const voter of voters) {
        expect(csv.text).not.toContain(voter.registration.name);
        expect(csv.text).not.toContain(voter.registration.email);
        expect(csv.text).not.toContain(voter.registration.id);
      }
      // Receipt codes are listed in code order, not in voting order.
      const listed = csv.text.split('\n').filter((line) => line.startsWith('receipt,'));
      expect(listed).toEqual([...listed].sort());
      await t.http.get(`/api/awards/${award.id}/audit.csv`).set(outsider.auth).expect(403);
    });
  });

  describe('schema', () => {
    it('keeps nothing in the ballots table that could identify a delegate', async () => {
      const columns = await t.db.query<Array<{ column_name: string; data_type: string }>>(
        `SELECT column_name, data_type FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = 'ballots' ORDER BY column_name`,
      );
      expect(columns).toEqual([
        { column_name: 'award_id', data_type: 'uuid' },
        { column_name: 'choices', data_type: 'ARRAY' },
        { column_name: 'id', data_type: 'uuid' },
      ]);
      for (const { column_name, data_type } of columns) {
        expect(column_name).not.toMatch(/registration|delegate|user|voter|email|token|receipt|ip|_at$|time|date|seq/);
        expect(data_type).not.toMatch(/time|date|serial|bigint|integer/);
      }
      // The id is random, not a sequence that would follow the receipts' order.
      const defaults = await t.db.query<Array<{ column_default: string | null }>>(
        `SELECT column_default FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = 'ballots' AND column_name = 'id'`,
      );
      expect(defaults[0]?.column_default).toBe('gen_random_uuid()');
      const references = await t.db.query<Array<{ foreign_table: string }>>(
        `SELECT ccu.table_name AS foreign_table
           FROM information_schema.table_constraints tc
           JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
          WHERE tc.table_name = 'ballots' AND tc.constraint_type = 'FOREIGN KEY'`,
      );
      expect(references.map((r) => r.foreign_table)).toEqual(['awards']);
      // The receipt, for its part, says who voted (and, one ballot per agency, for which agency), nothing about the choice.
      const receiptColumns = await t.db.query<Array<{ column_name: string }>>(
        `SELECT column_name FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = 'ballot_receipts' ORDER BY column_name`,
      );
      expect(receiptColumns.map((c) => c.column_name)).toEqual(['agency_id', 'award_id', 'receipt_code', 'registration_id']);
    });
  });
});
