import { ownSessions } from './my-sessions.js';

describe('a delegate’s own sessions', () => {
  it('keeps every plenary and only the workshops where the delegate has a place', () => {
    const sessions = [
      { id: 'keynote', kind: 'keynote' },
      { id: 'mine', kind: 'workshop' },
      { id: 'queued', kind: 'workshop' },
      { id: 'parallel', kind: 'workshop' },
      { id: 'lunch', kind: 'break' },
    ];
    expect(ownSessions(sessions, new Set(['mine'])).map((s) => s.id)).toEqual(['keynote', 'mine', 'lunch']);
  });
});
