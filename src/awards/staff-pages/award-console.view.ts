import { fromLocalInput, toLocalInput } from '../../events/pages/event-pages.view.js';
import { longDateTime } from '../../platform/web/dates.js';
import type { FormView } from '../../platform/web/form.js';
import type { Messages } from '../../platform/web/messages.en-GB.js';
import { pager } from '../../platform/web/pager.js';
import type { AuditCheck } from '../results.service.js';
import type { AwardResults } from '../dto/award-results.response.js';
import type { AwardPhase, AwardResponse, NominationResponse } from '../dto/award.response.js';
import { percent, phaseText, publicResultsPath, roundsView } from '../pages/award-page.view.js';

/** The award form's fields, in page order. */
export const AWARD_FIELDS = [
  'title',
  'description',
  'method',
  'tiePolicy',
  'nominationsOpenAt',
  'nominationsCloseAt',
  'votingOpensAt',
  'votingClosesAt',
  'onlyCheckedIn',
  'excludeOwnOrganisation',
  'oneVotePerAgency',
] as const;
export type AwardField = (typeof AWARD_FIELDS)[number];

const TIMES = ['nominationsOpenAt', 'nominationsCloseAt', 'votingOpensAt', 'votingClosesAt'] as const;
const FLAGS = ['onlyCheckedIn', 'excludeOwnOrganisation', 'oneVotePerAgency'] as const;
const CHECKED = 'yes';

/** Which of the form's fields may change now: all before voting, then the title, description and close; once published only the words. */
export function editableFields(phase: AwardPhase | 'new'): readonly AwardField[] {
  if (phase === 'new' || phase === 'upcoming' || phase === 'nominating' || phase === 'shortlisting')
    return AWARD_FIELDS;
  if (phase === 'voting') return ['title', 'description', 'votingClosesAt'];
  return ['title', 'description'];
}

export const consolePath = (eventId: string): string => `/staff/events/${eventId}/awards`;
export const awardConsolePath = (eventId: string, awardId: string): string => `${consolePath(eventId)}/${awardId}`;

/** Nominations on one page of the console; a popular award's are paged. */
export const NOMINATIONS_PAGE_SIZE = 100;

/** The award as the form shows it (the edit page). */
export function awardFormValues(award: AwardResponse, zone: string): Record<string, string> {
  const values: Record<string, string> = {
    title: award.title,
    description: award.description,
    method: award.method,
    tiePolicy: award.tiePolicy,
  };
  for (const name of TIMES) {
    const at = award[name];
    values[name] = at ? toLocalInput(new Date(at), zone) : '';
  }
  for (const name of FLAGS) if (award[name]) values[name] = CHECKED;
  return values;
}

/**
 * The form's values as the create/update DTO's plain input: times from the event's zone, ticks
 * as booleans, blank nomination times as "no nominations" (null where an edit empties them). `only` keeps the fields that may
 * change; `before` (the edit page) leaves out what is as it was, so a time shown to the minute
 * does not count as a change to one stored to the second.
 */
export function awardInput(
  values: Record<string, string>,
  zone: string,
  only: readonly AwardField[] = AWARD_FIELDS,
  before?: Record<string, string>,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const name of only) {
    const value = values[name] ?? '';
    if (before && (before[name] ?? '') === value) continue;
    if ((FLAGS as readonly string[]).includes(name)) input[name] = value === CHECKED;
    else if ((TIMES as readonly string[]).includes(name)) {
      if (value.trim() !== '') input[name] = fromLocalInput(value, zone);
      else if (name === 'votingOpensAt' || name === 'votingClosesAt') input[name] = '';
      // Emptied on the edit page: the award no longer takes nominations (both or neither, as ever).
      else if (before) input[name] = null;
    } else input[name] = value;
  }
  return input;
}

interface ListedAward {
  id: string;
  title: string;
  phase: string;
  method: string;
  href: string;
}

/** The event's awards, each with where it stands. */
export function awardListView(eventId: string, awards: readonly AwardResponse[], zone: string, m: Messages) {
  const words = m.awardConsole;
  const items: ListedAward[] = awards.map((award) => ({
    id: award.id,
    title: award.title,
    phase: phaseText(award, zone, m),
    method: words.methods[award.method],
    href: awardConsolePath(eventId, award.id),
  }));
  return { items, createHref: `${consolePath(eventId)}/new` };
}

export interface AwardConsoleInput {
  eventId: string;
  eventSlug: string;
  zone: string;
  award: AwardResponse;
  /** One page of the award's nominations, NOMINATIONS_PAGE_SIZE at a time from `offset`, of `total`. */
  nominations: NominationResponse[];
  nominationsOffset: number;
  nominationsTotal: number;
  /** Receipts and the eligible count: how many have voted, never for whom. */
  turnout: AuditCheck;
  /** The count, only once voting has closed. */
  results?: AwardResults;
  nomineeForm: FormView;
  tieForm: FormView;
  notice?: string;
}

/** One award's console page: its rules, nominations, shortlist, turnout while open, results after. */
export function awardConsoleView(input: AwardConsoleInput, m: Messages) {
  const { award, eventId, zone } = input;
  const words = m.awardConsole;
  const href = awardConsolePath(eventId, award.id);
  const when = (at: Date | string | null) => (at ? longDateTime(new Date(at), zone, m.locale) : words.none);
  const shortlistOpen = ['upcoming', 'nominating', 'shortlisting'].includes(award.phase);
  const closed = award.phase === 'closed' || award.phase === 'published';
  const open = new Map(input.nominations.filter((n) => !n.mergedIntoId).map((n) => [n.id, n]));
  const nominations = input.nominations.map((n) => ({
    id: n.id,
    nomineeName: n.nomineeName,
    nomineeOrganisation: n.nomineeOrganisation,
    statement: n.statement,
    nominatedBy: n.nominatedBy ?? words.unknownNominator,
    mergedInto: n.mergedIntoId ? (open.get(n.mergedIntoId)?.nomineeName ?? words.anotherNomination) : undefined,
    mergeAction: `${href}/nominations/${n.id}/merge`,
    mergeField: `into-${n.id}`,
    mergeLabel: words.mergeInto(n.nomineeName),
    mergeButton: words.mergeButton(n.nomineeName),
    shortlistButton: words.shortlistButton(n.nomineeName),
    targets: [...open.values()]
      .filter((t) => t.id !== n.id)
      .map((t) => ({ id: t.id, label: words.nominationLabel(t.nomineeName, t.nominatedBy ?? words.unknownNominator) })),
  }));
  const results = input.results;
  return {
    href,
    backHref: consolePath(eventId),
    editHref: `${href}/edit`,
    title: award.title,
    description: award.description,
    phase: phaseText(award, zone, m),
    notice: input.notice,
    rules: [
      { label: words.method, value: words.methods[award.method] },
      { label: words.tieLegend, value: words.tiePolicies[award.tiePolicy] },
      {
        label: words.nominationsWindow,
        value: award.nominationsOpenAt
          ? words.window(when(award.nominationsOpenAt), when(award.nominationsCloseAt))
          : words.noNominations,
      },
      { label: words.votingWindow, value: words.window(when(award.votingOpensAt), when(award.votingClosesAt)) },
      { label: words.whoMayVote, value: words.eligibility(award.onlyCheckedIn, award.excludeOwnOrganisation, award.oneVotePerAgency) },
    ],
    publicHref: award.phase === 'published' ? publicResultsPath(input.eventSlug, award.id) : undefined,
    nominations: shortlistOpen || input.nominations.length > 0 ? nominations : [],
    showNominations: award.nominationsOpenAt !== null || input.nominationsTotal > 0,
    canMerge: shortlistOpen,
    shortlistOpen,
    nominees: award.nominees.map((n) => ({
      ...n,
      removeAction: `${href}/nominees/${n.id}/remove`,
      removeLabel: words.removeNominee(n.name),
    })),
    nomineeAction: `${href}/nominees`,
    nomineeForm: input.nomineeForm,
    turnout:
      award.phase === 'voting'
        ? {
            text: words.turnoutLive(input.turnout.receipts, input.turnout.eligible),
            ballots: input.turnout.receipts,
            eligible: Math.max(input.turnout.eligible, input.turnout.receipts),
            percent: percent(input.turnout.receipts, input.turnout.eligible),
          }
        : undefined,
    closed,
    results: results ? roundsView(results, m) : undefined,
    tie:
      results?.pendingTie && award.phase === 'closed'
        ? {
            action: `${href}/casting-decision`,
            statement: results.pendingTie.statement,
            legend: results.pendingTie.kind === 'winner' ? words.tieWinnerLegend : words.tieEliminationLegend,
            options: results.pendingTie.nominees.map((n, index) => ({
              id: index === 0 ? 'nomineeId' : `nomineeId-${n.nomineeId}`,
              value: n.nomineeId,
              name: n.name,
              checked: input.tieForm.values.nomineeId === n.nomineeId,
            })),
            form: input.tieForm,
          }
        : undefined,
    canPublish: award.phase === 'closed' && results !== undefined && !results.pendingTie,
    publishHref: `${href}/publish`,
    auditHref: closed ? `${href}/audit.csv` : undefined,
    nominationsPager: pager(
      {
        offset: input.nominationsOffset,
        size: NOMINATIONS_PAGE_SIZE,
        shown: input.nominations.length,
        total: input.nominationsTotal,
      },
      (at) => `${href}${at > 0 ? `?offset=${at}` : ''}#nominations-title`,
      words.noNominationsYet,
      m,
    ),
  };
}
