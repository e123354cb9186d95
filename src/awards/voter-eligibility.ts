import type { RegistrationStatus } from '../registrations/registration.entity.js';
import { AwardsError } from './awards.errors.js';

/** What the rules read about a would-be voter (a Registration fits). */
export interface VoterFacts {
  eventId: string;
  status: RegistrationStatus;
  erasedAt: Date | null;
  checkedInAt: Date | null;
  agencyId: string | null;
}

/** What the rules read about the award (a VotingView or an Award fits). */
export interface AwardFacts {
  eventId: string;
  onlyCheckedIn: boolean;
  oneVotePerAgency: boolean;
}

export interface VoterRule {
  name: string;
  /**
   * `registration`: about the delegate's place, heard before anything about the award's window;
   * `award`: a requirement of this award, heard once the window is known to be open.
   */
  stage: 'registration' | 'award';
  /** The rule as SQL over the registration `r` and the award `a`. */
  sql: string;
  /** True when the voter passes the rule (the same rule as `sql`). */
  passes(voter: VoterFacts, award: AwardFacts): boolean;
  code: AwardsError;
  refusal(voter: VoterFacts): string;
}

/**
 * Who may vote in an award, written once: the ballot statements and the eligible-delegate count
 * take their SQL from here, and the ballot service its refusals, so the rule that stops a voter
 * is the rule the statement applied. (Excluding one's own organisation is a rule about the
 * choices, which only the service sees: the statement never reads the sealed ballot.)
 */
export const VOTER_RULES: readonly VoterRule[] = [
  {
    name: 'same event',
    stage: 'registration',
    sql: 'r.event_id = a.event_id',
    passes: (voter, award) => voter.eventId === award.eventId,
    code: AwardsError.NotEligible,
    refusal: () => 'Your registration is for another event, so you cannot vote in this award.',
  },
  {
    name: 'confirmed',
    stage: 'registration',
    sql: `r.status = 'confirmed'`,
    passes: (voter) => voter.status === 'confirmed',
    code: AwardsError.NotEligible,
    refusal: (voter) => `Only confirmed delegates may vote; your registration is ${voter.status}.`,
  },
  {
    name: 'not erased',
    stage: 'registration',
    sql: 'r.erased_at IS NULL',
    passes: (voter) => voter.erasedAt === null,
    code: AwardsError.NotEligible,
    refusal: () => 'This registration’s personal data was erased, so it cannot vote.',
  },
  {
    name: 'checked in',
    stage: 'award',
    sql: '(NOT a.only_checked_in OR r.checked_in_at IS NOT NULL)',
    passes: (voter, award) => !award.onlyCheckedIn || voter.checkedInAt !== null,
    code: AwardsError.NotEligible,
    refusal: () => 'Only delegates who have checked in at the venue may vote in this award.',
  },
  {
    name: 'of an agency',
    stage: 'award',
    sql: '(NOT a.one_vote_per_agency OR r.agency_id IS NOT NULL)',
    passes: (voter, award) => !award.oneVotePerAgency || voter.agencyId !== null,
    code: AwardsError.NotEligible,
    refusal: () =>
      'This award takes one ballot per member agency, and your registration names no agency. An organiser can link your organisation to its agency.',
  },
];

/** Every rule as one SQL condition over `r` and `a`. */
export const ELIGIBLE_VOTER_SQL = VOTER_RULES.map((rule) => rule.sql).join(' AND ');

/** The first rule of `stage` the voter fails, if any. */
export const firstFailedRule = (
  voter: VoterFacts,
  award: AwardFacts,
  stage: VoterRule['stage'],
): VoterRule | undefined => VOTER_RULES.find((rule) => rule.stage === stage && !rule.passes(voter, award));
