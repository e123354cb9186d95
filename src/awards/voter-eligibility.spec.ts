import { CAST_BALLOT_SQL, CAST_BALLOTS_SQL } from './ballot.sql.js';
import { AwardsError } from './awards.errors.js';
import { ELIGIBLE_VOTER_SQL, firstFailedRule, type VoterFacts, VOTER_RULES } from './voter-eligibility.js';

const award = { eventId: 'event-1', onlyCheckedIn: true, oneVotePerAgency: true };
const eligible: VoterFacts = {
  eventId: 'event-1',
  status: 'confirmed',
  erasedAt: null,
  checkedInAt: new Date(),
  agencyId: 'agency-1',
};

/** A voter who fails exactly the named rule. */
const failing: Record<string, Partial<VoterFacts>> = {
  'same event': { eventId: 'event-2' },
  confirmed: { status: 'waitlisted' },
  'not erased': { erasedAt: new Date() },
  'checked in': { checkedInAt: null },
  'of an agency': { agencyId: null },
};

describe('voter eligibility rules', () => {
  it('every rule is in both ballot statements, so SQL and refusals cannot drift apart', () => {
    for (const rule of VOTER_RULES) {
      expect(ELIGIBLE_VOTER_SQL).toContain(rule.sql);
      expect(CAST_BALLOT_SQL).toContain(rule.sql);
      expect(CAST_BALLOTS_SQL).toContain(rule.sql);
    }
  });

  it('an eligible voter passes every rule', () => {
    expect(firstFailedRule(eligible, award, 'registration')).toBeUndefined();
    expect(firstFailedRule(eligible, award, 'award')).toBeUndefined();
  });

  it.each(VOTER_RULES.map((rule) => [rule.name, rule] as const))(
    'a voter failing only "%s" is refused by that rule, with its code and message',
    (name, rule) => {
      const voter = { ...eligible, ...failing[name] };
      expect(failing[name]).toBeDefined();
      const failed = firstFailedRule(voter, award, rule.stage);
      expect(failed?.name).toBe(name);
      expect(failed?.code).toBe(AwardsError.NotEligible);
      expect(failed?.refusal(voter)).not.toBe('');
      const other = rule.stage === 'registration' ? 'award' : 'registration';
      expect(firstFailedRule(voter, award, other)).toBeUndefined();
    },
  );

  it('"of an agency" applies only to awards that take one ballot per agency', () => {
    expect(
      firstFailedRule({ ...eligible, agencyId: null }, { ...award, oneVotePerAgency: false }, 'award'),
    ).toBeUndefined();
  });

  it('"checked in" applies only to awards that ask for it', () => {
    expect(
      firstFailedRule({ ...eligible, checkedInAt: null }, { ...award, onlyCheckedIn: false }, 'award'),
    ).toBeUndefined();
  });
});
