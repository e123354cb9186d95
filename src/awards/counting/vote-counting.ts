/**
 * Pure vote counting: plurality and instant runoff (IRV), with ties settled by the
 * award's declared policy. No I/O: the service loads ballots and casting decisions and
 * this module turns them into rounds, so the rules can be tested against worked examples.
 */

export const COUNTING_METHODS = ['plurality', 'ranked'] as const;
export type CountingMethod = (typeof COUNTING_METHODS)[number];

export const TIE_POLICIES = ['shared', 'casting'] as const;
/** `shared`: tied winners share the award (tied last places are eliminated together); `casting`: an organiser decides. */
export type TiePolicy = (typeof TIE_POLICIES)[number];

export type TieKind = 'winner' | 'elimination';

/** An organiser's casting decision for the tie of this kind in this round. */
export interface CastingDecision {
  kind: TieKind;
  round: number;
  /** For a winner tie the nominee who wins; for an elimination tie the nominee who is eliminated. */
  nomineeId: string;
  reason: string;
}

export interface CountInput {
  method: CountingMethod;
  tiePolicy: TiePolicy;
  /** The shortlist, in display order. */
  nomineeIds: readonly string[];
  /** Each ballot's preferences, first choice first (plurality ballots have one). */
  ballots: readonly (readonly string[])[];
  decisions?: readonly CastingDecision[];
}

export interface Transfer {
  from: string;
  /** Ballots moved to each continuing nominee. */
  to: Record<string, number>;
  /** Ballots with no further continuing preference. */
  exhausted: number;
}

export interface CountRound {
  round: number;
  /** Votes per continuing nominee this round. */
  counts: Record<string, number>;
  /** Ballots counting for a continuing nominee this round. */
  continuing: number;
  /** Ballots exhausted so far (ranked only). */
  exhausted: number;
  /** Transfers that produced this round's counts from the previous round's eliminations. */
  transfers: Transfer[];
  /** Nominees eliminated at the end of this round. */
  eliminated: string[];
}

export type TieSettlement = 'shared' | 'casting' | 'earlier-round' | 'pending';

export interface TieRecord {
  kind: TieKind;
  round: number;
  nomineeIds: string[];
  votes: number;
  settledBy: TieSettlement;
  /** The nominee chosen by a casting decision (winner, or eliminated). */
  chosen?: string;
  reason?: string;
}

export type CountStatus = 'decided' | 'no-ballots' | 'awaiting-casting-decision';

export interface CountResult {
  method: CountingMethod;
  tiePolicy: TiePolicy;
  status: CountStatus;
  totalBallots: number;
  rounds: CountRound[];
  /** More than one only when a tie is shared. */
  winners: string[];
  ties: TieRecord[];
  /** The tie an organiser must settle before the results can be published. */
  pendingTie?: TieRecord;
}

const zeroCounts = (ids: Iterable<string>): Map<string, number> => new Map([...ids].map((id) => [id, 0]));

const toRecord = (counts: Map<string, number>): Record<string, number> => Object.fromEntries(counts);

function decisionFor(
  decisions: readonly CastingDecision[] | undefined,
  kind: TieKind,
  round: number,
): CastingDecision | undefined {
  return decisions?.find((d) => d.kind === kind && d.round === round);
}

/** Settles a tie for first place by the declared policy. */
function settleWinnerTie(
  input: CountInput,
  round: number,
  tied: string[],
  votes: number,
): { winners: string[]; tie: TieRecord; pending: boolean } {
  if (input.tiePolicy === 'shared') {
    return {
      winners: tied,
      tie: { kind: 'winner', round, nomineeIds: tied, votes, settledBy: 'shared' },
      pending: false,
    };
  }
  const decision = decisionFor(input.decisions, 'winner', round);
  if (decision && tied.includes(decision.nomineeId)) {
    return {
      winners: [decision.nomineeId],
      tie: {
        kind: 'winner',
        round,
        nomineeIds: tied,
        votes,
        settledBy: 'casting',
        chosen: decision.nomineeId,
        reason: decision.reason,
      },
      pending: false,
    };
  }
  return { winners: [], tie: { kind: 'winner', round, nomineeIds: tied, votes, settledBy: 'pending' }, pending: true };
}

function countPlurality(input: CountInput): CountResult {
  const counts = zeroCounts(input.nomineeIds);
  let continuing = 0;
  for (const ballot of input.ballots) {
    const choice = ballot[0];
    if (choice !== undefined && counts.has(choice)) {
      counts.set(choice, (counts.get(choice) ?? 0) + 1);
      continuing += 1;
    }
  }
  const round: CountRound = {
    round: 1,
    counts: toRecord(counts),
    continuing,
    exhausted: input.ballots.length - continuing,
    transfers: [],
    eliminated: [],
  };
  const base = {
    method: input.method,
    tiePolicy: input.tiePolicy,
    totalBallots: input.ballots.length,
    rounds: [round],
  };
  if (continuing === 0) return { ...base, status: 'no-ballots', winners: [], ties: [] };

  const top = Math.max(...counts.values());
  const leaders = input.nomineeIds.filter((id) => counts.get(id) === top);
  if (leaders.length === 1) return { ...base, status: 'decided', winners: leaders, ties: [] };
  const settled = settleWinnerTie(input, 1, leaders, top);
  return {
    ...base,
    status: settled.pending ? 'awaiting-casting-decision' : 'decided',
    winners: settled.winners,
    ties: [settled.tie],
    pendingTie: settled.pending ? settled.tie : undefined,
  };
}

/** The ballot's highest preference still in the count, if any. */
function currentChoice(ballot: readonly string[], continuing: ReadonlySet<string>): string | undefined {
  return ballot.find((id) => continuing.has(id));
}

function countInstantRunoff(input: CountInput): CountResult {
  const continuingIds = new Set(input.nomineeIds);
  // Each ballot's current nominee (undefined: exhausted), so transfers can be reported.
  const assigned: Array<string | undefined> = input.ballots.map((ballot) => currentChoice(ballot, continuingIds));
  const rounds: CountRound[] = [];
  const ties: TieRecord[] = [];
  const base = { method: input.method, tiePolicy: input.tiePolicy, totalBallots: input.ballots.length };
  let transfers: Transfer[] = [];

  for (let roundNo = 1; continuingIds.size > 0; roundNo += 1) {
    const counts = zeroCounts(input.nomineeIds.filter((id) => continuingIds.has(id)));
    let exhausted = 0;
    for (const choice of assigned) {
      if (choice === undefined) exhausted += 1;
      else counts.set(choice, (counts.get(choice) ?? 0) + 1);
    }
    const continuing = input.ballots.length - exhausted;
    const round: CountRound = {
      round: roundNo,
      counts: toRecord(counts),
      continuing,
      exhausted,
      transfers,
      eliminated: [],
    };
    rounds.push(round);
    if (continuing === 0) return { ...base, status: 'no-ballots', rounds, winners: [], ties };

    const values = [...counts.values()];
    const top = Math.max(...values);
    const leaders = [...counts.keys()].filter((id) => counts.get(id) === top);
    // A majority of the ballots still counting wins; so does the last nominee standing.
    if (top * 2 > continuing || continuingIds.size === 1) {
      return { ...base, status: 'decided', rounds, winners: leaders, ties };
    }
    const bottom = Math.min(...values);
    const lowest = [...counts.keys()].filter((id) => counts.get(id) === bottom);
    if (lowest.length === counts.size) {
      // Everyone left is level: no one can be eliminated fairly, so it is a tie for the award.
      const settled = settleWinnerTie(input, roundNo, leaders, top);
      ties.push(settled.tie);
      return {
        ...base,
        status: settled.pending ? 'awaiting-casting-decision' : 'decided',
        rounds,
        winners: settled.winners,
        ties,
        pendingTie: settled.pending ? settled.tie : undefined,
      };
    }

    let toEliminate = lowest;
    if (lowest.length > 1) {
      const tie: TieRecord = {
        kind: 'elimination',
        round: roundNo,
        nomineeIds: lowest,
        votes: bottom,
        settledBy: 'shared',
      };
      const byHistory = breakByEarlierRounds(lowest, rounds.slice(0, -1));
      const decision = decisionFor(input.decisions, 'elimination', roundNo);
      // Still level after looking back: those are the ones a policy or an organiser chooses between.
      if (byHistory.length > 1) tie.nomineeIds = byHistory;
      if (byHistory.length === 1) {
        toEliminate = byHistory;
        tie.settledBy = 'earlier-round';
        tie.chosen = byHistory[0];
      } else if (input.tiePolicy === 'shared') {
        // No one decides for a shared-award policy, so those still level are eliminated together (documented rule).
        toEliminate = byHistory;
      } else if (decision && byHistory.includes(decision.nomineeId)) {
        toEliminate = [decision.nomineeId];
        Object.assign(tie, { settledBy: 'casting', chosen: decision.nomineeId, reason: decision.reason });
      } else {
        tie.settledBy = 'pending';
        ties.push(tie);
        return { ...base, status: 'awaiting-casting-decision', rounds, winners: [], ties, pendingTie: tie };
      }
      ties.push(tie);
    }

    round.eliminated = toEliminate;
    for (const id of toEliminate) continuingIds.delete(id);
    const moved = new Map<string, Transfer>(toEliminate.map((id) => [id, { from: id, to: {}, exhausted: 0 }]));
    assigned.forEach((choice, index) => {
      const transfer = choice === undefined ? undefined : moved.get(choice);
      if (!transfer) return;
      const next = currentChoice(input.ballots[index] ?? [], continuingIds);
      assigned[index] = next;
      if (next === undefined) transfer.exhausted += 1;
      else transfer.to[next] = (transfer.to[next] ?? 0) + 1;
    });
    transfers = [...moved.values()];
  }
  return { ...base, status: 'no-ballots', rounds, winners: [], ties };
}

/**
 * The usual "backwards" tie-break: among nominees tied for last, the one with the fewest
 * votes in the latest earlier round where they differed. Returns all of them if that never happens.
 */
function breakByEarlierRounds(tied: string[], earlier: CountRound[]): string[] {
  for (let i = earlier.length - 1; i >= 0; i -= 1) {
    const counts = earlier[i]?.counts ?? {};
    const least = Math.min(...tied.map((id) => counts[id] ?? 0));
    const lowest = tied.filter((id) => (counts[id] ?? 0) === least);
    if (lowest.length === 1) return lowest;
    if (lowest.length < tied.length) tied = lowest;
  }
  return tied;
}

export function countVotes(input: CountInput): CountResult {
  return input.method === 'plurality' ? countPlurality(input) : countInstantRunoff(input);
}
