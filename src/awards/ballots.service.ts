import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock.js';
import { notFound } from '../common/errors/common.errors.js';
import type { Registration } from '../registrations/registration.entity.js';
import { ALREADY_VOTED, awardsError, AwardsError } from './awards.errors.js';
import { AwardsRepository, type VotingView } from './awards.repository.js';
import type { BallotReceiptResponse, CastBallotDto } from './dto/ballot.dto.js';
import { newReceiptCode } from './receipt-code.js';

const sameOrganisation = (a: string | null, b: string | null): boolean =>
  !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Casting secret ballots: one per delegate per award. */
@Injectable()
export class BallotsService {
  constructor(
    private readonly repository: AwardsRepository,
    private readonly clock: Clock,
  ) {}

  async cast(delegate: Registration, awardId: string, input: CastBallotDto): Promise<BallotReceiptResponse> {
    const award = await this.repository.votingView(awardId);
    if (!award) throw notFound('The award');
    this.assertMayVote(delegate, award);
    const choices = this.choices(award, input);
    if (award.excludeOwnOrganisation) {
      const own = award.nominees.find(
        (n) => choices.includes(n.id) && sameOrganisation(n.organisation, delegate.organisation),
      );
      if (own) {
        throw awardsError(
          AwardsError.NotEligible,
          `You may not vote for ${own.name}: nominees from your own organisation (${delegate.organisation ?? ''}) are excluded in this award.`,
        );
      }
    }
    const receipt = newReceiptCode();
    if (!(await this.repository.castBallot(award.id, delegate.id, receipt, choices))) {
      throw awardsError(AwardsError.AlreadyVoted, ALREADY_VOTED);
    }
    return { receipt, awardId: award.id };
  }

  private assertMayVote(delegate: Registration, award: VotingView): void {
    if (delegate.eventId !== award.eventId) {
      throw awardsError(
        AwardsError.NotEligible,
        'Your registration is for another event, so you cannot vote in this award.',
      );
    }
    if (delegate.status !== 'confirmed') {
      throw awardsError(
        AwardsError.NotEligible,
        `Only confirmed delegates may vote; your registration is ${delegate.status}.`,
      );
    }
    if (award.eventStatus === 'cancelled') {
      throw awardsError(AwardsError.VotingClosed, 'The event was cancelled, so voting is closed.');
    }
    const now = this.clock.now();
    if (now < award.votingOpensAt) {
      throw awardsError(
        AwardsError.VotingClosed,
        `Voting has not opened yet; it opens at ${award.votingOpensAt.toISOString()}.`,
      );
    }
    if (now >= award.votingClosesAt) {
      throw awardsError(AwardsError.VotingClosed, `Voting closed at ${award.votingClosesAt.toISOString()}.`);
    }
    if (award.onlyCheckedIn && !delegate.checkedInAt) {
      throw awardsError(
        AwardsError.NotEligible,
        'Only delegates who have checked in at the venue may vote in this award.',
      );
    }
  }

  /** The ballot's nominee ids, first preference first, checked against the shortlist. */
  private choices(award: VotingView, input: CastBallotDto): string[] {
    if (input.nomineeId !== undefined && input.ranking !== undefined) {
      throw awardsError(AwardsError.InvalidChoice, 'Send either nomineeId or ranking, not both.');
    }
    const choices = input.ranking ?? (input.nomineeId !== undefined ? [input.nomineeId] : []);
    if (choices.length === 0) {
      throw awardsError(
        AwardsError.InvalidChoice,
        award.method === 'ranked'
          ? 'Send ranking: the shortlisted nominees in your order of preference.'
          : 'Send nomineeId: the shortlisted nominee you vote for.',
      );
    }
    if (award.method === 'plurality' && choices.length > 1) {
      throw awardsError(AwardsError.InvalidChoice, 'This award takes one choice: send nomineeId, not a ranking.');
    }
    if (new Set(choices).size !== choices.length) {
      throw awardsError(AwardsError.InvalidChoice, 'A ranking must not name the same nominee twice.');
    }
    const shortlist = new Set(award.nominees.map((n) => n.id));
    const unknown = choices.filter((id) => !shortlist.has(id));
    if (unknown.length > 0) {
      throw awardsError(AwardsError.InvalidChoice, `Not on this award's shortlist: ${unknown.join(', ')}.`);
    }
    return choices;
  }
}
