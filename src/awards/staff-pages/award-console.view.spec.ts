import { enGB } from '../../platform/web/messages.en-GB.js';
import { blankForm } from '../../platform/web/form.js';
import type { AwardResults } from '../dto/award-results.response.js';
import type { AwardResponse, NominationResponse } from '../dto/award.response.js';
import {
  awardConsoleView,
  awardFormValues,
  awardInput,
  editableFields,
  NOMINATIONS_PAGE_SIZE,
} from './award-console.view.js';

const award: AwardResponse = {
  id: 'a1',
  eventId: 'e1',
  title: 'Link Officer of the Year',
  description: '',
  nominationsOpenAt: null,
  nominationsCloseAt: null,
  votingOpensAt: new Date('2026-06-04T09:00:00Z'),
  votingClosesAt: new Date('2026-06-04T15:00:30Z'),
  method: 'ranked',
  tiePolicy: 'shared',
  onlyCheckedIn: true,
  excludeOwnOrganisation: false,
  oneVotePerAgency: false,
  phase: 'voting',
  resultsPublishedAt: null,
  nominees: [{ id: 'n1', name: 'Ada', organisation: null, citation: null }],
  results: null,
};

const input = (overrides: Partial<Parameters<typeof awardConsoleView>[0]> = {}) => ({
  eventId: 'e1',
  eventSlug: 'agm',
  zone: 'Europe/London',
  award,
  nominations: [],
  nominationsOffset: 0,
  nominationsTotal: 0,
  turnout: { awardId: 'a1', eligible: 10, receipts: 4, ballots: 4, receiptsMatchBallots: true },
  nomineeForm: blankForm(),
  tieForm: blankForm(),
  ...overrides,
});

describe('award console view', () => {
  it('the form in the event’s zone, and back: times as instants, ticks as booleans, blank nominations as none', () => {
    const values = awardFormValues(award, 'Europe/London');
    expect(values).toMatchObject({ votingOpensAt: '2026-06-04T10:00', onlyCheckedIn: 'yes', nominationsOpenAt: '' });
    expect(awardInput(values, 'Europe/London')).toEqual({
      title: 'Link Officer of the Year',
      description: '',
      method: 'ranked',
      tiePolicy: 'shared',
      votingOpensAt: '2026-06-04T10:00:00+01:00',
      votingClosesAt: '2026-06-04T16:00:00+01:00',
      onlyCheckedIn: true,
      excludeOwnOrganisation: false,
      oneVotePerAgency: false,
    });
  });

  it('an edit sends only what changed among the fields that may change now', () => {
    const before = awardFormValues(award, 'Europe/London');
    const edited = { ...before, title: 'Renamed', method: 'plurality', votingClosesAt: '2026-06-04T17:00' };
    expect(awardInput(edited, 'Europe/London', editableFields('voting'), before)).toEqual({
      title: 'Renamed',
      votingClosesAt: '2026-06-04T17:00:00+01:00',
    });
    expect(editableFields('published')).toEqual(['title', 'description']);
    const withNominations = {
      ...before,
      nominationsOpenAt: '2026-06-01T09:00',
      nominationsCloseAt: '2026-06-02T09:00',
    };
    expect(
      awardInput(
        { ...withNominations, nominationsOpenAt: '', nominationsCloseAt: '' },
        'Europe/London',
        undefined,
        withNominations,
      ),
    ).toEqual({ nominationsOpenAt: null, nominationsCloseAt: null });
  });

  it('while voting: the turnout, and nothing of the count', () => {
    const view = awardConsoleView(input(), enGB);
    expect(view.turnout?.text).toBe('4 ballots cast of 10 eligible delegates.');
    expect(view.results).toBeUndefined();
    expect(view.canPublish).toBe(false);
    expect(view.auditHref).toBeUndefined();
    expect(view.shortlistOpen).toBe(false);
  });

  it('after the close: the rounds, a pending tie’s form, no publishing until it is settled', () => {
    const tie = {
      kind: 'winner' as const,
      round: 1,
      nominees: [
        { nomineeId: 'n1', name: 'Ada' },
        { nomineeId: 'n2', name: 'Grace' },
      ],
      votes: 2,
      settledBy: 'pending' as const,
      statement: 'Round 1: tied.',
    };
    const results = {
      winners: [],
      pendingTie: tie,
      ties: [tie],
      ballots: 4,
      eligible: 5,
      receiptsMatchBallots: true,
      rounds: [
        {
          round: 1,
          counts: [
            { nomineeId: 'n1', name: 'Ada', votes: 2 },
            { nomineeId: 'n2', name: 'Grace', votes: 2 },
          ],
          continuing: 4,
          exhausted: 0,
          transfers: [],
          eliminated: [],
        },
      ],
    } as unknown as AwardResults;
    const view = awardConsoleView(input({ award: { ...award, phase: 'closed' }, results }), enGB);
    expect(view.turnout).toBeUndefined();
    expect(view.results?.rounds[0].rows.map((r) => [r.name, r.votes, r.share, r.max])).toEqual([
      ['Ada', 2, '50%', 4],
      ['Grace', 2, '50%', 4],
    ]);
    expect(view.tie?.options.map((o) => o.id)).toEqual(['nomineeId', 'nomineeId-n2']);
    expect(view.canPublish).toBe(false);
    expect(view.auditHref).toBe('/staff/events/e1/awards/a1/audit.csv');
    const settled = awardConsoleView(
      input({ award: { ...award, phase: 'closed' }, results: { ...results, pendingTie: null } }),
      enGB,
    );
    expect(settled.canPublish).toBe(true);
    expect(settled.tie).toBeUndefined();
  });

  it('pages a popular award’s nominations, a hundred at a time, back to the list’s heading', () => {
    const nomination = (n: number) =>
      ({ id: `nom${n}`, nomineeName: `Nominee ${n}`, mergedIntoId: null }) as unknown as NominationResponse;
    const page = Array.from({ length: NOMINATIONS_PAGE_SIZE }, (_, i) => nomination(101 + i));
    const middle = awardConsoleView(
      input({
        award: { ...award, phase: 'nominating' },
        nominations: page,
        nominationsOffset: 100,
        nominationsTotal: 250,
      }),
      enGB,
    );
    expect(middle.nominationsPager).toEqual({
      showing: 'Showing 101 to 200 of 250',
      previous: '/staff/events/e1/awards/a1#nominations-title',
      next: '/staff/events/e1/awards/a1?offset=200#nominations-title',
    });
    const only = awardConsoleView(input({ nominations: [nomination(1)], nominationsTotal: 1 }), enGB);
    expect(only.nominationsPager).toEqual({ showing: 'Showing 1 to 1 of 1', previous: undefined, next: undefined });
  });
});
