import { enGB } from '../../platform/web/messages.en-GB.js';
import type { AwardResponse } from '../dto/award.response.js';
import { awardPageView, awardsSectionView, pluralityBallot, rankedBallot, rankField } from './award-page.view.js';

const ids = ['a', 'b', 'c'];
const ranks = (given: Record<string, string>) =>
  Object.fromEntries(Object.entries(given).map(([id, rank]) => [rankField(id), rank]));

const award = (over: Partial<AwardResponse> = {}): AwardResponse => ({
  id: 'w1',
  eventId: 'e1',
  title: 'Team of the Year',
  description: '',
  nominationsOpenAt: null,
  nominationsCloseAt: null,
  votingOpensAt: new Date('2026-06-04T09:00:00Z'),
  votingClosesAt: new Date('2026-06-04T15:00:00Z'),
  method: 'plurality',
  tiePolicy: 'shared',
  onlyCheckedIn: false,
  excludeOwnOrganisation: false,
  oneVotePerAgency: false,
  phase: 'voting',
  resultsPublishedAt: null,
  nominees: ids.map((id) => ({ id, name: `Nominee ${id}`, organisation: null, citation: null })),
  results: null,
  ...over,
});

describe('award ballots from forms', () => {
  it('takes a plurality choice only among the nominees', () => {
    expect(pluralityBallot({ nomineeId: 'b' }, ids, enGB)).toEqual({ ok: true, ballot: { nomineeId: 'b' } });
    const refused = pluralityBallot({ nomineeId: 'zz' }, ids, enGB);
    expect(refused.ok === false && refused.form.errors.nomineeId).toBe('Choose one nominee.');
  });

  it('reads ranks 1, 2, 3… into a ranking, first preference first, leaving unranked nominees out', () => {
    expect(rankedBallot(ranks({ a: '2', b: '', c: '1' }), ids, enGB)).toEqual({
      ok: true,
      ballot: { ranking: ['c', 'a'] },
    });
  });

  it('refuses a gap, a repeat, a rank out of range and an empty ballot, each on its field', () => {
    const gap = rankedBallot(ranks({ a: '1', b: '3' }), ids, enGB);
    expect(gap.ok === false && gap.form.errors[rankField('b')]).toContain('there is no rank 2');
    const repeat = rankedBallot(ranks({ a: '1', b: '1' }), ids, enGB);
    expect(repeat.ok === false && repeat.form.errors[rankField('b')]).toContain('Rank 1 is given to more than one');
    const range = rankedBallot(ranks({ a: '9' }), ids, enGB);
    expect(range.ok === false && range.form.errors[rankField('a')]).toBe(enGB.errors.invalid);
    const empty = rankedBallot(ranks({}), ids, enGB);
    expect(empty.ok === false && empty.form.errors[rankField('a')]).toBe('Give rank 1 to your first choice.');
  });
});

describe('the award page view', () => {
  it('offers the ballot while voting is open, then the receipt instead', () => {
    const open = awardPageView({ award: award(), base: '/r/t', zone: 'Europe/London', confirmed: true }, enGB);
    expect(open.vote).toMatchObject({ postTo: '/r/t/awards/w1/ballot', ranked: false });
    expect(open.phase).toBe('Voting is open until Thursday 4 June 2026, 16:00.');
    const voted = awardPageView(
      { award: award(), base: '/r/t', zone: 'Europe/London', confirmed: true, receipt: 'K7QM-4XPD' },
      enGB,
    );
    expect(voted.vote).toBeUndefined();
    expect(voted.receipt).toBe('K7QM-4XPD');
    const waiting = awardPageView({ award: award(), base: '/r/t', zone: 'Europe/London', confirmed: false }, enGB);
    expect(waiting).toMatchObject({ vote: undefined, notConfirmed: true });
  });

  it('lists the awards on the personal page with what to do about each', () => {
    const windows = {
      nominationsOpenAt: null,
      nominationsCloseAt: null,
      votingOpensAt: new Date('2026-06-04T09:00:00Z'),
      votingClosesAt: new Date('2026-06-04T15:00:00Z'),
      resultsPublishedAt: null,
    };
    const items = awardsSectionView(
      [
        { ...windows, id: 'w1', title: 'Voted', voted: true },
        {
          ...windows,
          id: 'w2',
          title: 'Nominating',
          nominationsOpenAt: new Date('2026-06-04T08:00:00Z'),
          nominationsCloseAt: new Date('2026-06-04T08:59:00Z'),
          voted: false,
        },
        {
          ...windows,
          id: 'w3',
          title: 'Published',
          resultsPublishedAt: new Date('2026-06-04T16:00:00Z'),
          voted: false,
        },
      ],
      new Date('2026-06-04T08:30:00Z'),
      '/r/t',
      'agm',
      'Europe/London',
      true,
      enGB,
    );
    expect(items.map((i) => [i.label, i.voted, i.href])).toEqual([
      ['See the award', true, '/r/t/awards/w1'],
      ['Nominate someone', false, '/r/t/awards/w2'],
      ['See the results', false, '/events/agm/awards/w3'],
    ]);
  });
});
