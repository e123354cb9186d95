import { longDateTime } from '../../platform/web/dates.js';
import { addError, blankForm, type FormView } from '../../platform/web/form.js';
import type { Messages } from '../../platform/web/messages.en-GB.js';
import type { AwardResults } from '../dto/award-results.response.js';
import type { DelegateAward } from '../awards.repository.js';
import { awardPhase, type AwardResponse } from '../dto/award.response.js';

export const NOMINATION_FIELDS = ['nomineeName', 'nomineeOrganisation', 'statement'] as const;
/** A plurality ballot's one field (its first radio button carries this id, for the error summary). */
export const CHOICE_FIELD = 'nomineeId';
/** A ranked ballot has one select per nominee. */
export const rankField = (nomineeId: string): string => `rank-${nomineeId}`;

export type BallotChoice = { nomineeId: string } | { ranking: string[] };
export type Checked = { ok: true; ballot: BallotChoice } | { ok: false; form: FormView };

/** A plurality ballot from the form: one of the shortlisted nominees. */
export function pluralityBallot(values: Record<string, string>, nomineeIds: readonly string[], m: Messages): Checked {
  const chosen = values[CHOICE_FIELD];
  if (chosen && nomineeIds.includes(chosen)) return { ok: true, ballot: { nomineeId: chosen } };
  return { ok: false, form: addError(blankForm(values), CHOICE_FIELD, m.awards.chooseOne) };
}

/**
 * A ranked ballot from one rank select per nominee: the ranks given must run 1, 2, 3… with no
 * gap and none repeated (nominees left unranked are left out). The ranking lists the
 * nominees by rank, first preference first.
 */
export function rankedBallot(values: Record<string, string>, nomineeIds: readonly string[], m: Messages): Checked {
  const form = blankForm(values);
  const byRank = new Map<number, string>();
  for (const id of nomineeIds) {
    const given = (values[rankField(id)] ?? '').trim();
    if (given === '') continue;
    const rank = Number(given);
    if (!Number.isInteger(rank) || rank < 1 || rank > nomineeIds.length) {
      addError(form, rankField(id), m.errors.invalid);
    } else if (byRank.has(rank)) {
      addError(form, rankField(id), m.awards.rankRepeated(rank));
    } else {
      byRank.set(rank, id);
    }
  }
  if (form.summary.length > 0) return { ok: false, form };
  if (byRank.size === 0)
    return { ok: false, form: addError(form, rankField(nomineeIds[0] ?? ''), m.awards.rankAtLeastOne) };
  const ranks = [...byRank.keys()].sort((a, b) => a - b);
  const gap = ranks.findIndex((rank, index) => rank !== index + 1);
  if (gap >= 0) {
    const after = byRank.get(ranks[gap])!;
    return { ok: false, form: addError(form, rankField(after), m.awards.rankGap(gap + 1)) };
  }
  return { ok: true, ballot: { ranking: ranks.map((rank) => byRank.get(rank)!) } };
}

/** The public results page of a published award. */
export const publicResultsPath = (slug: string, awardId: string): string =>
  `/events/${encodeURIComponent(slug)}/awards/${awardId}`;

/** Where an award stands, in a sentence with its next date in the event's zone. */
export function phaseText(
  award: Pick<AwardResponse, 'phase' | 'nominationsOpenAt' | 'nominationsCloseAt' | 'votingOpensAt' | 'votingClosesAt'>,
  zone: string,
  m: Messages,
): string {
  const when = (date: Date | string | null) => (date ? longDateTime(new Date(date), zone, m.locale) : '');
  switch (award.phase) {
    case 'upcoming':
      return m.awards.phase.upcoming(when(award.nominationsOpenAt));
    case 'nominating':
      return m.awards.phase.nominating(when(award.nominationsCloseAt));
    case 'shortlisting':
      return m.awards.phase.shortlisting(when(award.votingOpensAt));
    case 'voting':
      return m.awards.phase.voting(when(award.votingClosesAt));
    case 'closed':
      return m.awards.phase.closed;
    case 'published':
      return m.awards.phase.published;
  }
}

/** Published results: the winners, each round's counts (one round for plurality) and the turnout. */
export function resultsView(results: AwardResults, m: Messages) {
  return {
    winners: results.winners.length ? m.awards.winner(results.winners.map((w) => w.name).join(', ')) : '',
    rounds: results.rounds.map((round) => ({
      title: m.awards.round(round.round),
      rows: round.counts.map((count) => ({ name: count.name, votes: count.votes })),
    })),
    showRoundTitles: results.rounds.length > 1,
    turnout: m.awards.turnout(results.ballots, `${Math.round(results.turnout * 1000) / 10}%`),
  };
}

export interface AwardPageInput {
  award: AwardResponse;
  /** The personal page's address (/r/<token>). */
  base: string;
  zone: string;
  /** Only confirmed delegates nominate and vote. */
  confirmed: boolean;
  /** The delegate's receipt, when they have voted. */
  receipt?: string;
  /** One ballot per agency, and a colleague has cast it. */
  agencyVoted?: boolean;
  form?: FormView;
}

/** One award as its delegate's page shows it: what they can do now, or what happened. */
export function awardPageView(input: AwardPageInput, m: Messages) {
  const { award, base, confirmed, receipt } = input;
  const agencyVoted = !receipt && input.agencyVoted === true;
  const form = input.form ?? blankForm();
  const href = `${base}/awards/${award.id}`;
  const votingNow = award.phase === 'voting';
  const count = award.nominees.length;
  return {
    href,
    title: award.title,
    description: award.description,
    phase: phaseText(award, input.zone, m),
    form,
    notConfirmed: !confirmed && (award.phase === 'nominating' || votingNow),
    nominate: confirmed && award.phase === 'nominating' ? { postTo: `${href}/nominations` } : undefined,
    vote:
      confirmed && votingNow && !receipt && !agencyVoted && count > 0
        ? {
            postTo: `${href}/ballot`,
            ranked: award.method === 'ranked',
            rankOptions: [
              { value: '', label: m.awards.notRanked },
              ...Array.from({ length: count }, (_, i) => ({ value: String(i + 1), label: String(i + 1) })),
            ],
          }
        : undefined,
    emptyShortlist: votingNow && count === 0,
    nominees: award.nominees.map((nominee, index) => ({
      ...nominee,
      choiceId: index === 0 ? CHOICE_FIELD : `${CHOICE_FIELD}-${nominee.id}`,
      checked: form.values[CHOICE_FIELD] === nominee.id,
      rankField: rankField(nominee.id),
      rank: form.values[rankField(nominee.id)] ?? '',
      rankError: form.errors[rankField(nominee.id)],
      rankLabel: m.awards.rankFor(nominee.name),
      moveUp: m.awards.moveUp(nominee.name),
      moveDown: m.awards.moveDown(nominee.name),
    })),
    choiceError: form.errors[CHOICE_FIELD],
    receipt,
    agencyVoted,
    perAgency: award.oneVotePerAgency,
    results: award.results ? resultsView(award.results, m) : undefined,
  };
}

/** The awards part of the personal page: each award, where it stands and what to do; published ones lead to their public results. */
export function awardsSectionView(
  awards: readonly DelegateAward[],
  now: Date,
  base: string,
  slug: string,
  zone: string,
  confirmed: boolean,
  m: Messages,
) {
  return awards.map((award) => {
    const phase = awardPhase(award, now);
    const href = phase === 'published' ? publicResultsPath(slug, award.id) : `${base}/awards/${award.id}`;
    let label = m.awards.seeAward;
    if (confirmed && phase === 'nominating') label = m.awards.nominate;
    else if (confirmed && phase === 'voting' && !award.voted) label = m.awards.vote;
    else if (phase === 'published') label = m.awards.seeResults;
    return {
      id: award.id,
      title: award.title,
      phase: phaseText({ ...award, phase }, zone, m),
      voted: award.voted,
      href,
      label,
    };
  });
}

export const percent = (part: number, whole: number): string =>
  whole === 0 ? '0%' : `${Math.round((part / whole) * 1000) / 10}%`;

/** The rounds as a table and a bar per nominee (a <meter> of the round's continuing ballots). */
export function roundsView(results: AwardResults, m: Messages) {
  const words = m.awardConsole;
  return {
    winners: results.winners.length
      ? m.awards.winner(results.winners.map((w) => w.name).join(', '))
      : results.pendingTie
        ? words.awaitingDecision
        : words.noWinner,
    turnout: m.awards.turnout(results.ballots, percent(results.ballots, results.eligible)),
    receiptsMatch: results.receiptsMatchBallots ? words.receiptsMatch : words.receiptsDiffer,
    ties: results.ties.map((tie) => tie.statement),
    rounds: results.rounds.map((round) => {
      const out = new Set(round.eliminated.map((e) => e.nomineeId));
      const total = Math.max(round.continuing, 1);
      return {
        id: `round-${round.round}`,
        title: m.awards.round(round.round),
        exhausted: words.exhausted(round.exhausted),
        rows: [...round.counts]
          .sort((a, b) => b.votes - a.votes || a.name.localeCompare(b.name))
          .map((count) => ({
            name: count.name,
            votes: count.votes,
            share: percent(count.votes, round.continuing),
            max: total,
            eliminated: out.has(count.nomineeId),
            barLabel: words.bar(count.name, count.votes, round.continuing),
          })),
        eliminated: round.eliminated.length ? words.eliminated(round.eliminated.map((e) => e.name).join(', ')) : '',
      };
    }),
  };
}
