import { roundResults } from '../evidence/feedback-results.js';
import type { Messages } from '../platform/web/messages.en-GB.js';
import type { AgencyEventFigures } from './agency-reports.repository.js';

/** An agency's figures, at one event or over several; `forms` is null where it is too few to show. */
export interface Figures {
  /** Places allocated (summed over events for a total), or null when the agency had none. */
  allocated: { places: number; kind: 'reserved' | 'up_to' | 'mixed' } | null;
  registered: number;
  waiting: number;
  cancelled: number;
  attended: number;
  cpdMinutes: number;
  /** Feedback forms answered, or null: fewer than MIN_RESPONSES (not even how many). */
  forms: number | null;
}

export const NO_FIGURES: AgencyEventFigures = {
  agencyId: '',
  eventId: '',
  allocatedPlaces: null,
  allocationReserved: null,
  registered: 0,
  waiting: 0,
  cancelled: 0,
  attended: 0,
  cpdMinutes: 0,
  forms: 0,
};

/**
 * Which counts of feedback answers may be shown: the evidence's own rule (roundResults, with
 * MIN_RESPONSES), so a count of fewer answers is only ever "fewer than 5" here too.
 */
export function shownCounts(cells: Array<{ key: string; n: number }>): Map<string, number | null> {
  const groups = cells.map((cell) => ({ key: cell.key, kind: 'event' as const, title: '' }));
  const results = roundResults(groups, [], { counts: cells, ratings: [], comments: [] });
  return new Map(
    cells.map((cell) => {
      const result = results.get(cell.key);
      return [cell.key, !result || result.suppressed ? null : result.responses];
    }),
  );
}

/** One event's figures as shown. */
export function shownFigures(figures: AgencyEventFigures): Figures {
  const { registered, waiting, cancelled, attended, cpdMinutes } = figures;
  const forms = shownCounts([{ key: 'forms', n: figures.forms }]).get('forms') ?? null;
  return { allocated: allocationOf([figures]), registered, waiting, cancelled, attended, cpdMinutes, forms };
}

/** The places allocated over these events: their sum, and whether they were held, capped or both. */
function allocationOf(parts: AgencyEventFigures[]): Figures['allocated'] {
  const allocated = parts.filter((f) => f.allocatedPlaces !== null);
  if (allocated.length === 0) return null;
  const kinds = new Set(allocated.map((f) => (f.allocationReserved ? 'reserved' : 'up_to')));
  return {
    places: allocated.reduce((total, f) => total + (f.allocatedPlaces ?? 0), 0),
    kind: kinds.size > 1 ? 'mixed' : [...kinds][0],
  };
}

/**
 * Several events' figures added up. The total of forms is shown only when it is itself at least
 * the minimum and, if some of its parts are too few to show, so is their sum: otherwise taking
 * the shown parts from the total would give the hidden ones away.
 */
export function totalFigures(parts: AgencyEventFigures[]): Figures {
  const sum = (pick: (f: AgencyEventFigures) => number) => parts.reduce((total, f) => total + pick(f), 0);
  // An event nobody of the agency attended has no forms to hide.
  const hiddenParts = parts.filter((f) => (f.attended > 0 || f.forms > 0) && shownFigures(f).forms === null);
  const hidden = hiddenParts.reduce((total, f) => total + f.forms, 0);
  const check = shownCounts([
    { key: 'total', n: sum((f) => f.forms) },
    { key: 'hidden', n: hidden },
  ]);
  const anyHidden = hiddenParts.length > 0;
  const forms = check.get('total') == null || (anyHidden && check.get('hidden') == null) ? null : sum((f) => f.forms);
  return {
    allocated: allocationOf(parts),
    registered: sum((f) => f.registered),
    waiting: sum((f) => f.waiting),
    cancelled: sum((f) => f.cancelled),
    attended: sum((f) => f.attended),
    cpdMinutes: sum((f) => f.cpdMinutes),
    forms,
  };
}

/** The places allocated, in words ("10 reserved", "up to 10"); empty without an allocation. */
export const allocatedText = (f: Figures, m: Messages): string =>
  f.allocated ? m.agencyReports.allocatedAs[f.allocated.kind](f.allocated.places) : '';

/** CPD minutes as hours, to two decimal places at most (90 → 1.5). */
export const cpdHours = (minutes: number): number => Math.round((minutes / 60) * 100) / 100;
