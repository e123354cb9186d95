import { diffSession, notifiable, type SessionSnapshot } from './changes.js';

const base: SessionSnapshot = {
  title: 'Opening keynote',
  kind: 'keynote',
  startsAt: new Date('2026-05-12T09:00:00Z'),
  endsAt: new Date('2026-05-12T10:00:00Z'),
  room: 'Hall A',
  track: null,
  status: 'scheduled',
  abstract: null,
  capacity: null,
  speakers: [{ id: 's1', name: 'Ada' }],
};

describe('diffSession', () => {
  it('names a move and keeps old and new times', () => {
    const diff = diffSession(base, {
      ...base,
      startsAt: new Date('2026-05-12T11:00:00Z'),
      endsAt: new Date('2026-05-12T12:00:00Z'),
    });
    expect(diff?.kinds).toEqual(['moved']);
    expect(diff?.oldValues).toEqual({ startsAt: '2026-05-12T09:00:00.000Z', endsAt: '2026-05-12T10:00:00.000Z' });
    expect(diff?.newValues).toEqual({ startsAt: '2026-05-12T11:00:00.000Z', endsAt: '2026-05-12T12:00:00.000Z' });
  });

  it('names a longer slot as retimed, a new room, new speakers and a cancellation', () => {
    const diff = diffSession(base, {
      ...base,
      endsAt: new Date('2026-05-12T10:30:00Z'),
      room: 'Hall B',
      speakers: [{ id: 's2', name: 'Grace' }],
      status: 'cancelled',
    });
    expect(diff?.kinds).toEqual(['cancelled', 'retimed', 're-roomed', 'speakers-changed']);
    expect(diff?.oldValues?.room).toBe('Hall A');
    expect(diff?.newValues?.speakers).toEqual([{ id: 's2', name: 'Grace' }]);
  });

  it('records additions and removals whole, and nothing for no change', () => {
    expect(diffSession(null, base)?.kinds).toEqual(['added']);
    expect(diffSession(base, null)?.kinds).toEqual(['removed']);
    expect(diffSession(base, { ...base, speakers: [...base.speakers] })).toBeUndefined();
  });

  it('does not email about description edits alone', () => {
    const diff = diffSession(base, { ...base, abstract: 'New text' });
    expect(diff?.kinds).toEqual(['details']);
    expect(notifiable(diff!.kinds)).toBe(false);
    expect(notifiable(['details', 'moved'])).toBe(true);
  });
});
