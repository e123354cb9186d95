import { type CastingDecision, countVotes, type CountInput } from './vote-counting.js';

const times = (n: number, ballot: string[]): string[][] => Array.from({ length: n }, () => ballot);

const ranked = (ballots: string[][], extra: Partial<CountInput> = {}): CountInput => ({
  method: 'ranked',
  tiePolicy: 'shared',
  nomineeIds: ['A', 'B', 'C', 'D'],
  ballots,
  ...extra,
});

describe('plurality', () => {
  const input = (ballots: string[][], extra: Partial<CountInput> = {}): CountInput => ({
    method: 'plurality',
    tiePolicy: 'shared',
    nomineeIds: ['A', 'B', 'C'],
    ballots,
    ...extra,
  });

  it('gives the award to the most votes', () => {
    const result = countVotes(input([...times(4, ['A']), ...times(2, ['B']), ['C']]));
    expect(result).toMatchObject({ status: 'decided', winners: ['A'], totalBallots: 7, ties: [] });
    expect(result.rounds).toEqual([
      { round: 1, counts: { A: 4, B: 2, C: 1 }, continuing: 7, exhausted: 0, transfers: [], eliminated: [] },
    ]);
  });

  const tied = [...times(3, ['A']), ...times(3, ['B']), ['C']];

  it('shares the award on a tie under the shared policy', () => {
    const result = countVotes(input(tied));
    expect(result.status).toBe('decided');
    expect(result.winners).toEqual(['A', 'B']);
    expect(result.ties).toEqual([{ kind: 'winner', round: 1, nomineeIds: ['A', 'B'], votes: 3, settledBy: 'shared' }]);
  });

  it('waits for a casting decision under the casting policy, then records it with its reason', () => {
    const pending = countVotes(input(tied, { tiePolicy: 'casting' }));
    expect(pending.status).toBe('awaiting-casting-decision');
    expect(pending.winners).toEqual([]);
    expect(pending.pendingTie).toMatchObject({ kind: 'winner', round: 1, nomineeIds: ['A', 'B'] });

    const decisions: CastingDecision[] = [{ kind: 'winner', round: 1, nomineeId: 'B', reason: 'Chair' }];
    const decided = countVotes(input(tied, { tiePolicy: 'casting', decisions }));
    expect(decided.status).toBe('decided');
    expect(decided.winners).toEqual(['B']);
    expect(decided.ties[0]).toMatchObject({ settledBy: 'casting', chosen: 'B', reason: 'Chair' });
  });

  it('ignores a casting decision for someone who is not tied', () => {
    const decisions: CastingDecision[] = [{ kind: 'winner', round: 1, nomineeId: 'C', reason: 'x' }];
    expect(countVotes(input(tied, { tiePolicy: 'casting', decisions })).status).toBe('awaiting-casting-decision');
  });

  it('reports no winner without ballots', () => {
    expect(countVotes(input([]))).toMatchObject({ status: 'no-ballots', winners: [], totalBallots: 0 });
  });
});

describe('instant runoff', () => {
  // 14 ballots: A leads on first preferences, but C's supporters prefer B, and D's
  // ballots name no one else, so they exhaust when D is eliminated.
  const worked = [...times(5, ['A', 'B']), ...times(4, ['B', 'A']), ...times(3, ['C', 'B']), ...times(2, ['D'])];

  it('runs rounds with eliminations, transfers and exhausted ballots to a majority', () => {
    const result = countVotes(ranked(worked));
    expect(result.status).toBe('decided');
    expect(result.winners).toEqual(['B']);
    expect(result.rounds).toEqual([
      {
        round: 1,
        counts: { A: 5, B: 4, C: 3, D: 2 },
        continuing: 14,
        exhausted: 0,
        transfers: [],
        eliminated: ['D'],
      },
      {
        round: 2,
        counts: { A: 5, B: 4, C: 3 },
        continuing: 12,
        exhausted: 2,
        transfers: [{ from: 'D', to: {}, exhausted: 2 }],
        eliminated: ['C'],
      },
      {
        round: 3,
        counts: { A: 5, B: 7 },
        continuing: 12,
        exhausted: 2,
        transfers: [{ from: 'C', to: { B: 3 }, exhausted: 0 }],
        eliminated: [],
      },
    ]);
  });

  it('stops in the first round when someone has a majority', () => {
    const result = countVotes(ranked([...times(3, ['A']), ['B', 'A']]));
    expect(result.rounds).toHaveLength(1);
    expect(result.winners).toEqual(['A']);
  });

  it('breaks a tie for last place by the earlier round', () => {
    const ballots = [...times(5, ['A']), ...times(3, ['B', 'C']), ...times(4, ['C', 'B']), ['D', 'B']];
    const result = countVotes(ranked(ballots, { tiePolicy: 'casting' }));
    // Round 2: B 4 (3 + D's transfer), C 4; B had fewer in round 1, so B goes.
    expect(result.ties).toEqual([
      { kind: 'elimination', round: 2, nomineeIds: ['B', 'C'], votes: 4, settledBy: 'earlier-round', chosen: 'B' },
    ]);
    expect(result.rounds[1]?.eliminated).toEqual(['B']);
    expect(result.rounds[2]).toMatchObject({ counts: { A: 5, C: 7 }, exhausted: 1 });
    expect(result.winners).toEqual(['C']);
  });

  const levelLast = [...times(4, ['A']), ...times(2, ['B', 'C']), ...times(2, ['C', 'B'])];

  it('eliminates those level for last together under the shared policy', () => {
    const result = countVotes(ranked(levelLast, { nomineeIds: ['A', 'B', 'C'] }));
    expect(result.rounds[0]?.eliminated).toEqual(['B', 'C']);
    expect(result.ties[0]).toMatchObject({ kind: 'elimination', settledBy: 'shared', nomineeIds: ['B', 'C'] });
    expect(result.rounds[1]).toMatchObject({ counts: { A: 4 }, exhausted: 4, continuing: 4 });
    expect(result.winners).toEqual(['A']);
  });

  it('asks for a casting decision at each tie under the casting policy', () => {
    const base = { nomineeIds: ['A', 'B', 'C'], tiePolicy: 'casting' as const };
    const first = countVotes(ranked(levelLast, base));
    expect(first.pendingTie).toMatchObject({ kind: 'elimination', round: 1, nomineeIds: ['B', 'C'] });

    const decisions: CastingDecision[] = [{ kind: 'elimination', round: 1, nomineeId: 'C', reason: 'Drawn by lot' }];
    const second = countVotes(ranked(levelLast, { ...base, decisions }));
    // C's two ballots go to B: A 4, B 4, level with no one left to eliminate.
    expect(second.rounds[1]).toMatchObject({ counts: { A: 4, B: 4 }, transfers: [{ from: 'C', to: { B: 2 } }] });
    expect(second.pendingTie).toMatchObject({ kind: 'winner', round: 2, nomineeIds: ['A', 'B'] });

    decisions.push({ kind: 'winner', round: 2, nomineeId: 'A', reason: "Chair's casting vote" });
    const final = countVotes(ranked(levelLast, { ...base, decisions }));
    expect(final.status).toBe('decided');
    expect(final.winners).toEqual(['A']);
    expect(final.ties.map((tie) => tie.settledBy)).toEqual(['casting', 'casting']);
  });

  it('shares the award when the last two are level', () => {
    const result = countVotes(ranked([['A'], ['B']], { nomineeIds: ['A', 'B'] }));
    expect(result.winners).toEqual(['A', 'B']);
    expect(result.ties[0]).toMatchObject({ kind: 'winner', settledBy: 'shared' });
  });

  it('reports no winner when every ballot is exhausted or none was cast', () => {
    expect(countVotes(ranked([])).status).toBe('no-ballots');
  });
});
