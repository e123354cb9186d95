import { DataSource } from 'typeorm';
import { ENTITIES } from '../../src/app/entities.js';
import { AwardsRepository } from '../../src/awards/awards.repository.js';
import { type VoterFacts, firstFailedRule, VOTER_RULES } from '../../src/awards/voter-eligibility.js';
import { dataSourceOptions } from '../../src/platform/database/data-source-options.js';
import { newSecretToken } from '../../src/platform/crypto/tokens.js';
import type { Registration } from '../../src/registrations/registration.entity.js';
import { insertEvent, insertRegistration } from '../factories/db-fixtures.js';
import { createTestDatabase } from '../setup/test-app.js';

/**
 * The voter rules on real PostgreSQL: for each rule a delegate who fails only that rule is
 * refused by the ballot statement (nothing written) and left out of the eligible count, and the
 * service's check names that same rule; a delegate who passes every rule votes. A rule added to
 * VOTER_RULES without a delegate here fails the test.
 */
describe('voter rules: the SQL and the refusals agree (medium)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DataSource;
  let repository: AwardsRepository;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await new DataSource({ ...dataSourceOptions({ databaseUrl: database.url }, ENTITIES) }).initialize();
    repository = new AwardsRepository(db);
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('each rule refuses in SQL exactly whom it refuses in TypeScript', async () => {
    const event = await insertEvent(db);
    const otherEvent = await insertEvent(db);
    const [{ id: awardId }] = await db.query<Array<{ id: string }>>(
      `INSERT INTO awards (event_id, title, voting_opens_at, voting_closes_at, only_checked_in, one_vote_per_agency)
       VALUES ($1, 'Rules', now() - interval '1 minute', now() + interval '1 hour', true, true) RETURNING id`,
      [event.id],
    );
    const agency = async (name: string) =>
      (await db.query<Array<{ id: string }>>(`INSERT INTO agencies (name, name_key) VALUES ($1, $1) RETURNING id`, [name]))[0]
        .id;
    const agencyId = await agency('rules agency');
    const award = { eventId: event.id, onlyCheckedIn: true, oneVotePerAgency: true };
    const checkedIn = new Date();
    const failing: Record<string, () => Promise<{ registration: Registration; token: string }>> = {
      'same event': () => insertRegistration(db, otherEvent.id, { checkedInAt: checkedIn, agencyId }),
      confirmed: () =>
        insertRegistration(db, event.id, { status: 'waitlisted', waitlistSeq: '1', checkedInAt: checkedIn, agencyId }),
      'not erased': () => insertRegistration(db, event.id, { erasedAt: new Date(), checkedInAt: checkedIn, agencyId }),
      'checked in': () => insertRegistration(db, event.id, { checkedInAt: null, agencyId }),
      'of an agency': () => insertRegistration(db, event.id, { checkedInAt: checkedIn, agencyId: null }),
    };
    expect(Object.keys(failing).sort()).toEqual(VOTER_RULES.map((rule) => rule.name).sort());

    const cast = (tokenHash: string, receiptCode: string) =>
      repository.castBallot({ awardId, tokenHash, receiptCode, sealed: 'sealed', castAt: new Date() });
    for (const rule of VOTER_RULES) {
      const { registration } = await failing[rule.name]();
      const voter: VoterFacts = registration;
      expect([rule.name, firstFailedRule(voter, award, rule.stage)?.name]).toEqual([rule.name, rule.name]);
      await expect(cast(registration.tokenHash, `R-${rule.name}`)).resolves.toBe(false);
    }
    expect(await repository.countEligible(awardId)).toBe(0);

    const { registration } = await insertRegistration(db, event.id, { checkedInAt: checkedIn, agencyId });
    expect(firstFailedRule(registration, award, 'registration')).toBeUndefined();
    expect(firstFailedRule(registration, award, 'award')).toBeUndefined();
    await expect(cast(registration.tokenHash, 'R-eligible')).resolves.toBe(true);
    expect(await repository.countEligible(awardId)).toBe(1);

    // One ballot per agency: a colleague is eligible but their agency has voted; another agency's delegate votes.
    const colleague = await insertRegistration(db, event.id, { checkedInAt: checkedIn, agencyId });
    await expect(cast(colleague.registration.tokenHash, 'R-colleague')).resolves.toBe(false);
    const other = await insertRegistration(db, event.id, { checkedInAt: checkedIn, agencyId: await agency('other agency') });
    expect(await repository.countEligible(awardId)).toBe(2);
    await expect(cast(other.registration.tokenHash, 'R-other')).resolves.toBe(true);
    await expect(cast(newSecretToken().hash, 'R-nobody')).resolves.toBe(false);
  });
});
