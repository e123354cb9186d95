import type { GroupComment, GroupCount, GroupRating } from './feedback-results.repository.js';

/** No breakdown of fewer answers than this: a small workshop's comments could be traced back. */
export const MIN_RESPONSES = 5;

/** The impact follow-up's one rating (how much practice changed), kept under this key. */
export const IMPACT_QUESTION_ID = 'change';

export interface QuestionResult {
  text: string;
  /** Mean rating, to one decimal place. */
  average: number;
  /** How many gave 1, 2, 3, 4 and 5. */
  distribution: [number, number, number, number, number];
}

/** One group's results, or only that it has too few answers to show (not even how many). */
export type RoundResult =
  { suppressed: true } | { suppressed: false; responses: number; questions: QuestionResult[]; comments: string[] };

export interface ResultGroup {
  key: string;
  kind: 'event' | 'session' | 'speaker';
  title: string;
}

/**
 * Each group's results from the aggregates. A group below the minimum is suppressed here as
 * well as in the queries (which return no ratings or comments for it), so no view or export
 * can show a breakdown of fewer than MIN_RESPONSES answers.
 */
export function roundResults(
  groups: ResultGroup[],
  questions: Array<{ id: string; text: string }>,
  data: { counts: GroupCount[]; ratings: GroupRating[]; comments: GroupComment[] },
): Map<string, RoundResult> {
  const counts = new Map(data.counts.map((c) => [c.key, c.n]));
  const results = new Map<string, RoundResult>();
  for (const group of groups) {
    const responses = counts.get(group.key) ?? 0;
    if (responses < MIN_RESPONSES) {
      results.set(group.key, { suppressed: true });
      continue;
    }
    const ratings = data.ratings.filter((r) => r.key === group.key);
    results.set(group.key, {
      suppressed: false,
      responses,
      questions: questions.map((question) => {
        const distribution: QuestionResult['distribution'] = [0, 0, 0, 0, 0];
        for (const r of ratings)
          if (r.questionId === question.id && r.rating >= 1 && r.rating <= 5) distribution[r.rating - 1] += r.n;
        const answered = distribution.reduce((sum, n) => sum + n, 0);
        const total = distribution.reduce((sum, n, i) => sum + n * (i + 1), 0);
        return { text: question.text, average: answered ? Math.round((total / answered) * 10) / 10 : 0, distribution };
      }),
      comments: data.comments.filter((c) => c.key === group.key).map((c) => c.text),
    });
  }
  return results;
}
