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

const FROZEN_VIEWS_MAX = 1000;

/** Casting secret ballots: one per delegate per award. */
@Injectable()
export class BallotsService {
  /** Voting views of awards whose voting has opened (their rules are fixed by then). */
  private readonly frozen = new Map<string, VotingView>();

  constructor(
    private readonly repository: AwardsRepository,
    private readonly clock: Clock,
  ) {}

  async cast(delegate: Registration, awardId: string, input: CastBallotDto): Promise<BallotReceiptResponse> {
    const now = this.clock.now();
    let award = this.frozen.get(awardId);
    // A kept view may be out of date about the closing time or the event's status only; re-read if it says no.
    if (!award || now >= award.votingClosesAt || award.eventStatus === 'cancelled')
      award = await this.load(awardId, now);
    this.assertMayVote(delegate, award, now);
    const choices = this.checkChoices(delegate, award, input);
    const receipt = newReceiptCode();
    if (await this.repository.castBallot(award.id, delegate.id, receipt, choices, now)) {
      return { receipt, awardId: award.id };
    }
    // Nothing written: voting closed (or the event was cancelled) since the view was read,
    // or this delegate has voted. A fresh read tells which.
    award = await this.load(awardId, now);
    this.assertMayVote(delegate, award, now);
    throw awardsError(AwardsError.AlreadyVoted, ALREADY_VOTED);
  }

  /**
   * Reads the award's voting view. Once voting has opened, the shortlist, method and
   * eligibility rules can no longer change, so the view is kept for later ballots; what can
   * still change (the closing time, a cancelled event) is checked by the insert itself.
   */
  private async load(awardId: string, now: Date): Promise<VotingView> {
    const award = await this.repository.votingView(awardId);
    if (!award) throw notFound('The award');
    if (now >= award.votingOpensAt) {
      if (this.frozen.size >= FROZEN_VIEWS_MAX) this.frozen.clear();
      this.frozen.set(awardId, award);
    }
    return award;
  }

  private checkChoices(delegate: Registration, award: VotingView, input: CastBallotDto): string[] {
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
    return choices;
  }

  private assertMayVote(delegate: Registration, award: VotingView, now: Date): void {
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
