import type { Messages } from '../../platform/web/messages.en-GB.js';
import { FEEDBACK_ROUNDS } from '../feedback.entity.js';
import type { GroupResults } from '../feedback-results.service.js';

/** The results as the page shows them: per group, the feedback beside the impact follow-up. */
export function resultsView(groups: GroupResults[], m: Messages) {
  const e = m.evidence;
  return {
    groups: groups.map((group, g) => ({
      id: `group-${g}`,
      title: group.title,
      kind: e.resultKinds[group.kind],
      rounds: FEEDBACK_ROUNDS.map((round) => {
        const result = group.rounds[round];
        const name = e.roundNames[round];
        if (result.suppressed) return { name, tooFew: e.tooFew };
        return {
          name,
          responses: e.responses(result.responses),
          questions: result.questions.map((q) => ({
            text: q.text,
            average: q.average.toFixed(1),
            caption: e.distributionOf(q.text),
            bars: q.distribution.map((n, i) => ({ label: e.rating(i + 1), n })),
          })),
          comments: result.comments,
        };
      }),
    })),
  };
}
