import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import type { AuthUser } from '../identity/auth-user.js';
import { Clock } from '../platform/clock/clock.js';
import { spreadsheetSafe } from '../registrations/attendee-csv.js';
import { AwardAccessService } from './award-access.service.js';
import type { AwardNominee } from './award-nominee.entity.js';
import type { Award } from './award.entity.js';
import { AwardRecordsRepository } from './award-records.repository.js';
import { awardsError, AwardsError } from './awards.errors.js';
import { AwardsRepository, type WindowChange } from './awards.repository.js';
import { NomineesRepository } from './nominees.repository.js';
import { BallotRelease } from './ballot-release.service.js';
import { countVotes, type CountResult, type TieRecord } from './counting/vote-counting.js';
import type { AwardResults, NomineeRef, TieResponse } from './dto/award-results.response.js';
import type { CastingDecisionDto } from './dto/ballot.dto.js';

export interface AuditCheck {
  awardId: string;
  eligible: number;
  receipts: number;
  ballots: number;
  receiptsMatchBallots: boolean;
}

/** Counting, sealing, casting decisions, publishing and the trustees' audit. */
@Injectable()
export class ResultsService {
  constructor(
    private readonly awards: AwardRecordsRepository,
    private readonly nominees: NomineesRepository,
    private readonly repository: AwardsRepository,
    private readonly release: BallotRelease,
    private readonly access: AwardAccessService,
    private readonly clock: Clock,
  ) {}

  /**
   * Published results for anyone who may see the award; before that, the count for the
   * event's organisers once voting has closed (and its sealed ballots are in), and nothing
   * for anyone else.
   */
  async results(user: AuthUser | undefined, awardId: string): Promise<AwardResults> {
    const award = await this.access.award(awardId);
    if (award.resultsPublishedAt && award.publishedResults) {
      await this.access.requireVisible(user, award.eventId);
      return award.publishedResults;
    }
    if (!(await this.access.isOrganiser(user, award.eventId))) {
      throw awardsError(AwardsError.ResultsSealed, 'The results of this award have not been published yet.');
    }
    await this.assertClosed(award);
    return this.count(award);
  }

  async publish(user: AuthUser, awardId: string): Promise<AwardResults> {
    const award = await this.access.awardForOrganiser(user, awardId);
    if (award.resultsPublishedAt) throw awardsError(AwardsError.AlreadyPublished, 'The results are already published.');
    await this.assertClosed(award);
    const now = this.clock.now();
    const results = await this.count(award, now);
    if (results.pendingTie) {
      throw awardsError(
        AwardsError.ResultsNotReady,
        `${results.pendingTie.statement} Record a casting decision before publishing.`,
      );
    }
    // Conditional: two organisers publishing at once get one snapshot and one 409.
    if (!(await this.awards.publishResults(award.id, now, results)))
      throw awardsError(AwardsError.AlreadyPublished, 'The results are already published.');
    return results;
  }

  /** Settles the tie the count is waiting on (tie policy `casting`), with the reason on record. */
  async decideTie(user: AuthUser, awardId: string, input: CastingDecisionDto): Promise<AwardResults> {
    const award = await this.access.awardForOrganiser(user, awardId);
    if (award.tiePolicy !== 'casting') {
      throw awardsError(
        AwardsError.NoTiePending,
        'This award shares the award on a tie; there are no casting decisions to make.',
      );
    }
    if (award.resultsPublishedAt) throw awardsError(AwardsError.AlreadyPublished, 'The results are already published.');
    await this.assertClosed(award);
    const { count } = await this.countRaw(award);
    const tie = count.pendingTie;
    if (!tie) throw awardsError(AwardsError.NoTiePending, 'No tie is waiting for a casting decision.');
    if (!tie.nomineeIds.includes(input.nomineeId)) {
      throw awardsError(AwardsError.InvalidChoice, 'The casting decision must choose one of the tied nominees.');
    }
    await this.awards.recordTieDecision({
      awardId,
      kind: tie.kind,
      round: tie.round,
      tiedNomineeIds: tie.nomineeIds,
      nomineeId: input.nomineeId,
      reason: input.reason,
      decidedById: user.id,
    });
    return this.count(award);
  }

  async auditCheck(user: AuthUser, awardId: string): Promise<AuditCheck> {
    const award = await this.access.awardForOrganiser(user, awardId);
    const { receipts, ballots } = await this.repository.receiptAndBallotCounts(award.id);
    const eligible = await this.repository.countEligible(award.id);
    return { awardId: award.id, eligible, receipts, ballots, receiptsMatchBallots: receipts === ballots };
  }

  /**
   * For trustees: counts per round, turnout, ties, every change to the voting window and the
   * receipt codes (no names), as CSV. Cells that a spreadsheet would run as formulas (a
   * nominee named "=HYPERLINK(…)") are kept as text.
   */
  async auditCsv(user: AuthUser, awardId: string): Promise<{ filename: string; csv: string }> {
    const award = await this.access.awardForOrganiser(user, awardId);
    await this.assertClosed(award);
    const results = await this.count(award);
    const codes = await this.repository.receiptCodes(award.id);
    const trail = await this.repository.windowTrail(award.id);
    const rows: Array<Array<string | number>> = [['section', 'round', 'item', 'value']];
    rows.push(['award', '', 'title', results.title]);
    rows.push(['award', '', 'method', results.method]);
    rows.push(['award', '', 'tie policy', results.tiePolicy]);
    rows.push(['award', '', 'voting closed at', results.votingClosedAt]);
    rows.push(['turnout', '', 'eligible delegates', results.eligible]);
    rows.push(['turnout', '', 'ballots', results.ballots]);
    rows.push(['turnout', '', 'receipts', results.receipts]);
    rows.push(['turnout', '', 'receipts equal ballots', results.receiptsMatchBallots ? 'yes' : 'NO']);
    rows.push(['turnout', '', 'turnout', results.turnout]);
    for (const round of results.rounds) {
      for (const transfer of round.transfers) {
        for (const to of transfer.to)
          rows.push(['transfer', round.round, `${transfer.from.name} -> ${to.name}`, to.votes]);
        rows.push(['transfer', round.round, `${transfer.from.name} -> exhausted`, transfer.exhausted]);
      }
      for (const count of round.counts) rows.push(['count', round.round, count.name, count.votes]);
      rows.push(['count', round.round, 'exhausted', round.exhausted]);
      for (const out of round.eliminated) rows.push(['eliminated', round.round, out.name, '']);
    }
    for (const tie of results.ties) rows.push(['tie', tie.round, tie.statement, tie.settledBy]);
    for (const winner of results.winners) rows.push(['winner', '', winner.name, '']);
    rows.push(['status', '', results.status, '']);
    for (const change of trail) rows.push(['window', '', change.changedAt.toISOString(), describeWindowChange(change)]);
    for (const code of codes) rows.push(['receipt', '', code, '']);
    const filename = `award-${award.id}-audit.csv`;
    return { filename, csv: stringify(rows.map((row) => row.map(spreadsheetSafe))) };
  }

  /**
   * Counts stay sealed until voting has closed and the sealed ballots are in: the first to
   * ask after the close releases them (the worker's poller does it otherwise).
   */
  private async assertClosed(award: Award): Promise<void> {
    if (this.clock.now() < award.votingClosesAt) {
      throw awardsError(
        AwardsError.ResultsSealed,
        `Voting is open until ${award.votingClosesAt.toISOString()}; the results stay sealed until it closes.`,
      );
    }
    if (!award.ballotsReleasedAt) await this.release.release(award.id);
  }

  private async countRaw(award: Award): Promise<{ count: CountResult; shortlist: AwardNominee[] }> {
    const [shortlist, ballots, decisions] = await Promise.all([
      this.nominees.shortlist(award.id),
      this.repository.ballotChoices(award.id),
      this.awards.tieDecisions(award.id),
    ]);
    const count = countVotes({
      method: award.method,
      tiePolicy: award.tiePolicy,
      nomineeIds: shortlist.map((n) => n.id),
      ballots,
      decisions: decisions.map((d) => ({ kind: d.kind, round: d.round, nomineeId: d.nomineeId, reason: d.reason })),
    });
    return { count, shortlist };
  }

  private async count(award: Award, publishedAt?: Date): Promise<AwardResults> {
    const { count, shortlist } = await this.countRaw(award);
    const { receipts, ballots } = await this.repository.receiptAndBallotCounts(award.id);
    const eligible = await this.repository.countEligible(award.id);
    const names = new Map(shortlist.map((n) => [n.id, n.name]));
    const ref = (nomineeId: string): NomineeRef => ({ nomineeId, name: names.get(nomineeId) ?? 'Removed nominee' });
    const votes = (counts: Record<string, number>) =>
      Object.entries(counts).map(([id, n]) => ({ ...ref(id), votes: n }));
    const tie = (record: TieRecord): TieResponse => ({
      kind: record.kind,
      round: record.round,
      nominees: record.nomineeIds.map(ref),
      votes: record.votes,
      settledBy: record.settledBy,
      ...(record.chosen ? { chosen: ref(record.chosen) } : {}),
      ...(record.reason ? { reason: record.reason } : {}),
      statement: tieStatement(record, names),
    });
    return {
      awardId: award.id,
      title: award.title,
      method: award.method,
      tiePolicy: award.tiePolicy,
      status: count.status,
      published: publishedAt !== undefined,
      publishedAt: publishedAt?.toISOString() ?? null,
      votingClosedAt: award.votingClosesAt.toISOString(),
      eligible,
      ballots,
      receipts,
      receiptsMatchBallots: receipts === ballots,
      turnout: eligible === 0 ? 0 : Math.round((ballots / eligible) * 10_000) / 10_000,
      rounds: count.rounds.map((round) => ({
        round: round.round,
        counts: votes(round.counts),
        continuing: round.continuing,
        exhausted: round.exhausted,
        transfers: round.transfers.map((t) => ({ from: ref(t.from), to: votes(t.to), exhausted: t.exhausted })),
        eliminated: round.eliminated.map(ref),
      })),
      winners: count.winners.map(ref),
      ties: count.ties.map(tie),
      pendingTie: count.pendingTie ? tie(count.pendingTie) : null,
    };
  }
}

function describeWindowChange(change: WindowChange): string {
  const window = `voting opens ${change.votingOpensAt.toISOString()}, closes ${change.votingClosesAt.toISOString()}`;
  const by = change.changedBy ? ` by ${change.changedBy}` : '';
  switch (change.kind) {
    case 'created':
      return `created${by}: ${window}`;
    case 'moved': {
      const was = `was opens ${change.previousOpensAt?.toISOString() ?? '?'}, closes ${change.previousClosesAt?.toISOString() ?? '?'}`;
      return `moved${by}: ${window} (${was})`;
    }
    case 'closed':
      return `closed: sealed ballots counted in (${window})`;
    default: {
      const unmapped: never = change.kind;
      return String(unmapped);
    }
  }
}

function tieStatement(tie: TieRecord, names: Map<string, string>): string {
  const who = tie.nomineeIds.map((id) => names.get(id) ?? 'Removed nominee').join(' and ');
  const chosen = tie.chosen ? (names.get(tie.chosen) ?? 'Removed nominee') : '';
  const what = tie.kind === 'winner' ? `${who} tied for the award` : `${who} tied for last place`;
  const prefix = `Round ${tie.round}: ${what} with ${tie.votes} vote${tie.votes === 1 ? '' : 's'} each.`;
  switch (tie.settledBy) {
    case 'shared':
      return tie.kind === 'winner' ? `${prefix} They share the award.` : `${prefix} They were eliminated together.`;
    case 'earlier-round':
      return `${prefix} ${chosen} had fewer votes in an earlier round and was eliminated.`;
    case 'casting':
      return `${prefix} Casting decision: ${chosen} ${tie.kind === 'winner' ? 'wins' : 'is eliminated'} (${tie.reason ?? ''}).`;
    case 'pending':
      return `${prefix} An organiser's casting decision is needed.`;
    default: {
      const unmapped: never = tie.settledBy;
      return String(unmapped);
    }
  }
}
