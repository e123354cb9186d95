import { MIN_RESPONSES, roundResults, type ResultGroup } from './feedback-results.js';

const groups: ResultGroup[] = [
  { key: 'event', kind: 'event', title: 'The event' },
  { key: 'session:a', kind: 'session', title: 'Small workshop' },
  { key: 'speaker:s', kind: 'speaker', title: 'A speaker' },
];
const questions = [
  { id: 'q1', text: 'Met its aims' },
  { id: 'q2', text: 'Relevant' },
];

describe('feedback results', () => {
  it('gives averages, the distribution and the comments of a group with enough answers', () => {
    const results = roundResults(groups, questions, {
      counts: [{ key: 'event', n: 6 }],
      ratings: [
        { key: 'event', questionId: 'q1', rating: 5, n: 4 },
        { key: 'event', questionId: 'q1', rating: 2, n: 2 },
        { key: 'event', questionId: 'q2', rating: 3, n: 6 },
      ],
      comments: [{ key: 'event', text: 'Ask first' }],
    });
    expect(results.get('event')).toEqual({
      suppressed: false,
      responses: 6,
      questions: [
        { text: 'Met its aims', average: 4, distribution: [0, 2, 0, 0, 4] },
        { text: 'Relevant', average: 3, distribution: [0, 0, 6, 0, 0] },
      ],
      comments: ['Ask first'],
    });
  });

  it(`shows nothing but "too few" below ${MIN_RESPONSES} answers, even if the data carried more`, () => {
    const results = roundResults(groups, questions, {
      counts: [
        { key: 'session:a', n: MIN_RESPONSES - 1 },
        { key: 'speaker:s', n: 1 },
      ],
      ratings: [{ key: 'session:a', questionId: 'q1', rating: 1, n: 4 }],
      comments: [{ key: 'session:a', text: 'Traceable' }],
    });
    expect(results.get('session:a')).toEqual({ suppressed: true });
    expect(results.get('speaker:s')).toEqual({ suppressed: true });
    expect(results.get('event')).toEqual({ suppressed: true });
  });
});
