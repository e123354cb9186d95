import type { AgendaChange } from './agenda-change.entity.js';
import { describeChange } from './change-text.js';
import { matchesEtag } from './http-cache.js';

const change = (overrides: Partial<AgendaChange>): AgendaChange => ({
  id: 'c1',
  eventId: 'e1',
  sessionId: 's1',
  sessionTitle: 'Opening',
  kinds: ['moved'],
  oldValues: null,
  newValues: null,
  speakerIds: [],
  registrationIds: [],
  createdAt: new Date(),
  ...overrides,
});

describe('describeChange', () => {
  it('states a move in the event’s zone', () => {
    const text = describeChange(
      change({
        kinds: ['moved', 're-roomed'],
        oldValues: { startsAt: '2026-07-01T08:00:00Z', endsAt: '2026-07-01T09:00:00Z', room: 'A' },
        newValues: { startsAt: '2026-07-01T09:00:00Z', endsAt: '2026-07-01T10:00:00Z', room: 'B' },
      }),
      'Europe/London',
    );
    expect(text).toBe(
      '"Opening" moves from Wednesday 1 July, 09:00–10:00 to Wednesday 1 July, 10:00–11:00; moves from A to B.',
    );
  });

  it('states cancellations, removals, additions and new speakers', () => {
    expect(describeChange(change({ kinds: ['cancelled'] }), 'UTC')).toBe('"Opening" is cancelled.');
    expect(describeChange(change({ kinds: ['removed'] }), 'UTC')).toBe('"Opening" was removed from the agenda.');
    expect(
      describeChange(
        change({
          kinds: ['added'],
          newValues: { title: 'Opening', startsAt: '2026-07-01T08:00:00Z', endsAt: '2026-07-01T09:00:00Z', room: 'A' },
        }),
        'UTC',
      ),
    ).toBe('"Opening" was added: Wednesday 1 July, 08:00–09:00, A.');
    expect(
      describeChange(
        change({
          kinds: ['speakers-changed'],
          oldValues: { speakers: [{ id: '1', name: 'Ada' }] },
          newValues: { speakers: [] },
        }),
        'UTC',
      ),
    ).toBe('"Opening" now has no speakers (was Ada).');
  });
});

describe('matchesEtag', () => {
  it('compares weakly and understands lists and *', () => {
    expect(matchesEtag('"a"', '"a"')).toBe(true);
    expect(matchesEtag('W/"a"', '"a"')).toBe(true);
    expect(matchesEtag('"b", "a"', '"a"')).toBe(true);
    expect(matchesEtag('*', '"a"')).toBe(true);
    expect(matchesEtag('"b"', '"a"')).toBe(false);
    expect(matchesEtag(undefined, '"a"')).toBe(false);
  });
});
