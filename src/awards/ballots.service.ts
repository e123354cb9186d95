import { Injectable, UnauthorizedException } from '@nestjs/common';
import { DelegateResolver, NO_DELEGATE } from '../registrations/access/delegate-resolver.js';
import { Clock } from '../platform/clock/clock.js';
import { notFound } from '../platform/errors/common.errors.js';
import type { Registration } from '../registrations/registration.entity.js';
import { AGENCY_VOTED, ALREADY_VOTED, awardsError, AwardsError } from './awards.errors.js';
import { AwardsRepository, type VotingView } from './awards.repository.js';
import { BallotSeal } from './ballot-seal.js';
import type { BallotReceiptResponse, CastBallotDto } from './dto/ballot.dto.js';
import { newReceiptCode } from './receipt-code.js';
import { firstFailedRule } from './voter-eligibility.js';
import { AgenciesService } from '../agencies/agencies.service.js';

const FROZEN_VIEWS_MAX = 1000;

/** Casting secret ballots: one per delegate per award. */
@Injectable()
export class BallotsService {
  /** Voting views of awards whose voting has opened (their rules are fixed by then). */
  private readonly frozen = new Map<string, VotingView>();

  constructor(
    private readonly repository: AwardsRepository,
    private readonly delegates: DelegateResolver,
    private readonly seal: BallotSeal,
    private readonly clock: Clock,
    private readonly agencies: AgenciesService,
  ) {}

  /**
   * Casts the ballot of the delegate whose personal-link token has `tokenHash`. The usual
   * ballot takes one statement, which checks the voter itself; only a refusal (or an award
   * that excludes the voter's own organisation, checked here) looks the delegate up, so the
   * answer names the first rule that stops them.
   */
  async cast(tokenHash: string, awardId: string, input: CastBallotDto): Promise<BallotReceiptResponse> {
    const now = this.clock.now();
    const kept = this.frozen.get(awardId);
    const open = kept && this.votingOpen(kept, now) ? kept : undefined;
    if (open && !open.excludeOwnOrganisation) {
      const choices = this.choices(open, input);
      if (Array.isArray(choices)) {
        const receipt = await this.insert(open, tokenHash, choices, now);
        if (receipt) return receipt;
        // The statement refused: the first rule that stops this voter (on a fresh read of the
        // award, whose closing time may have moved), else they have voted.
        const { delegate } = await this.checkedBallot(tokenHash, awardId, input, now);
        throw await this.alreadyVoted(open, delegate);
      }
    }
    const { delegate, award, choices } = await this.checkedBallot(tokenHash, awardId, input, now, open);
    const receipt = await this.insert(award, tokenHash, choices, now);
    if (receipt) return receipt;
    // Nothing written although the rules allowed it a moment ago: voting closed (or the event
    // was cancelled) since then, or this delegate has voted. A fresh read tells which.
    this.assertMayVote(delegate, await this.load(awardId, now), now);
    throw await this.alreadyVoted(award, delegate);
  }

  /** The rules let the ballot through, yet nothing was written: this delegate (or, one ballot per agency, a colleague) has voted. */
  private async alreadyVoted(award: VotingView, delegate: Registration) {
    const byColleague =
      award.oneVotePerAgency && !(await this.repository.receiptsOf(delegate.id, [award.id])).has(award.id);
    return awardsError(AwardsError.AlreadyVoted, byColleague ? AGENCY_VOTED : ALREADY_VOTED);
  }

  /**
   * Every rule, in the order a delegate should hear them: who they are, the award, their
   * choices. `kept` is a kept view that says voting is open; without one the award is read.
   */
  private async checkedBallot(
    tokenHash: string,
    awardId: string,
    input: CastBallotDto,
    now: Date,
    kept?: VotingView,
  ): Promise<{ delegate: Registration; award: VotingView; choices: string[] }> {
    const delegate = await this.delegates.resolveHash(tokenHash);
    if (!delegate) throw new UnauthorizedException(NO_DELEGATE);
    const award = kept ?? (await this.load(awardId, now));
    this.assertMayVote(delegate, award, now);
    return { delegate, award, choices: await this.checkChoices(delegate, award, input) };
  }

  /** What a kept view can say: voting is open now. What may have changed since is checked by the insert. */
  private votingOpen(award: VotingView, now: Date): boolean {
    return (
      award.eventStatus !== 'cancelled' &&
      !award.ballotsReleasedAt &&
      award.votingOpensAt <= now &&
      now < award.votingClosesAt
    );
  }

  private async insert(
    award: VotingView,
    tokenHash: string,
    choices: string[],
    now: Date,
  ): Promise<BallotReceiptResponse | undefined> {
    const receipt = newReceiptCode();
    const cast = await this.repository.castBallot({
      awardId: award.id,
      tokenHash,
      receiptCode: receipt,
      sealed: this.seal.seal(award.id, choices, award.nominees.length),
      castAt: now,
    });
    return cast ? { receipt, awardId: award.id } : undefined;
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

  private async checkChoices(delegate: Registration, award: VotingView, input: CastBallotDto): Promise<string[]> {
    const choices = this.choices(award, input);
    if (!Array.isArray(choices)) throw awardsError(AwardsError.InvalidChoice, choices.problem);
    if (award.excludeOwnOrganisation) {
      let own: VotingView['nominees'][number] | undefined;
      for (const nominee of award.nominees.filter((n) => choices.includes(n.id))) {
        if (await this.agencies.sameParty(nominee.organisation, delegate)) {
          own = nominee;
          break;
        }
      }
      if (own) {
        throw awardsError(
          AwardsError.NotEligible,
          `You may not vote for ${own.name}: nominees from your own organisation (${delegate.organisation ?? ''}) are excluded in this award.`,
        );
      }
    }
    return choices;
  }

  /** The voter rules (VOTER_RULES, shared with the ballot statement) around the award's window. */
  private assertMayVote(delegate: Registration, award: VotingView, now: Date): void {
    const refuse = (stage: 'registration' | 'award') => {
      const rule = firstFailedRule(delegate, award, stage);
      if (rule) throw awardsError(rule.code, rule.refusal(delegate));
    };
    refuse('registration');
    if (award.eventStatus === 'cancelled') {
      throw awardsError(AwardsError.VotingClosed, 'The event was cancelled, so voting is closed.');
    }
    if (now < award.votingOpensAt) {
      throw awardsError(
        AwardsError.VotingClosed,
        `Voting has not opened yet; it opens at ${award.votingOpensAt.toISOString()}.`,
      );
    }
    if (now >= award.votingClosesAt || award.ballotsReleasedAt) {
      throw awardsError(AwardsError.VotingClosed, `Voting closed at ${award.votingClosesAt.toISOString()}.`);
    }
    refuse('award');
  }

  /** The ballot's nominee ids, first preference first, checked against the shortlist; or what is wrong with them. */
  private choices(award: VotingView, input: CastBallotDto): string[] | { problem: string } {
    if (input.nomineeId !== undefined && input.ranking !== undefined) {
      return { problem: 'Send either nomineeId or ranking, not both.' };
    }
    const choices = input.ranking ?? (input.nomineeId !== undefined ? [input.nomineeId] : []);
    if (choices.length === 0) {
      return {
        problem:
          award.method === 'ranked'
            ? 'Send ranking: the shortlisted nominees in your order of preference.'
            : 'Send nomineeId: the shortlisted nominee you vote for.',
      };
    }
    if (award.method === 'plurality' && choices.length > 1) {
      return { problem: 'This award takes one choice: send nomineeId, not a ranking.' };
    }
    if (new Set(choices).size !== choices.length) {
      return { problem: 'A ranking must not name the same nominee twice.' };
    }
    const shortlist = new Set(award.nominees.map((n) => n.id));
    const unknown = choices.filter((id) => !shortlist.has(id));
    if (unknown.length > 0) {
      return { problem: `Not on this award's shortlist: ${unknown.join(', ')}.` };
    }
    return choices;
  }
}
