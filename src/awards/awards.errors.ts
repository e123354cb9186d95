import { defineErrors } from '../platform/errors/domain-error.js';
import { describeConstraint } from '../platform/errors/postgres-errors.js';

export enum AwardsError {
  InvalidWindow = 'InvalidWindow',
  RulesFixed = 'RulesFixed',
  NominationsClosed = 'NominationsClosed',
  ShortlistFixed = 'ShortlistFixed',
  InvalidMerge = 'InvalidMerge',
  VotingClosed = 'VotingClosed',
  VotingSealed = 'VotingSealed',
  NotEligible = 'NotEligible',
  AlreadyVoted = 'AlreadyVoted',
  InvalidChoice = 'InvalidChoice',
  ResultsSealed = 'ResultsSealed',
  ResultsNotReady = 'ResultsNotReady',
  AlreadyPublished = 'AlreadyPublished',
  NoTiePending = 'NoTiePending',
}

export const awardsError = defineErrors<AwardsError>({
  [AwardsError.InvalidWindow]: 'unprocessable',
  [AwardsError.RulesFixed]: 'unprocessable',
  [AwardsError.NominationsClosed]: 'unprocessable',
  [AwardsError.ShortlistFixed]: 'unprocessable',
  [AwardsError.InvalidMerge]: 'unprocessable',
  [AwardsError.VotingClosed]: 'unprocessable',
  [AwardsError.VotingSealed]: 'unprocessable',
  [AwardsError.NotEligible]: 'forbidden',
  [AwardsError.AlreadyVoted]: 'conflict',
  [AwardsError.InvalidChoice]: 'unprocessable',
  [AwardsError.ResultsSealed]: 'forbidden',
  [AwardsError.ResultsNotReady]: 'unprocessable',
  [AwardsError.AlreadyPublished]: 'conflict',
  [AwardsError.NoTiePending]: 'unprocessable',
});

export const ALREADY_VOTED = 'You have already voted in this award; each delegate has one ballot.';
export const AGENCY_VOTED =
  'Your agency has voted in this award: it takes one ballot per member agency, and a colleague cast it.';

describeConstraint('uq_ballot_receipts_voter', ALREADY_VOTED);
describeConstraint('uq_ballot_receipts_agency', AGENCY_VOTED);
describeConstraint('uq_award_tie_decisions_round', 'That tie has already been decided.');
describeConstraint('ck_awards_voting_window', 'Voting must open before it closes.');
describeConstraint(
  'ck_awards_nomination_window',
  'Nominations must open before they close (give both times or neither).',
);
describeConstraint('ck_awards_voting_after_nominations', 'Voting must open after nominations close.');
