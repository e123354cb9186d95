import { findRoomClash, findSpeakerClash, overlaps, withinEvent, type Slot } from './clash.js';

const at = (hhmm: string) => new Date(`2026-05-12T${hhmm}:00Z`);
const slot = (id: string, from: string, to: string, extra: Partial<Slot> = {}): Slot => ({
  id,
  title: `Session ${id}`,
  kind: 'talk',
  startsAt: at(from),
  endsAt: at(to),
  room: 'Hall A',
  status: 'scheduled',
  speakerIds: [],
  ...extra,
});

describe('overlaps', () => {
  it('treats touching sessions as not overlapping', () => {
    expect(overlaps(slot('a', '09:00', '10:00'), slot('b', '10:00', '11:00'))).toBe(false);
    expect(overlaps(slot('a', '09:00', '10:01'), slot('b', '10:00', '11:00'))).toBe(true);
    expect(overlaps(slot('a', '09:00', '12:00'), slot('b', '10:00', '11:00'))).toBe(true);
  });
});

describe('findRoomClash', () => {
  const existing = [slot('x', '10:00', '11:00'), slot('y', '10:00', '11:00', { room: 'Hall B' })];

  it('finds the other session in the same room', () => {
    expect(findRoomClash(slot('n', '10:30', '11:30', { room: ' hall a ' }), existing)?.id).toBe('x');
  });

  it('ignores other rooms, itself and cancelled sessions', () => {
    expect(findRoomClash(slot('n', '10:30', '11:30', { room: 'Hall C' }), existing)).toBeUndefined();
    expect(findRoomClash(slot('x', '10:30', '11:30'), existing)).toBeUndefined();
    expect(
      findRoomClash(slot('n', '10:30', '11:30'), [slot('x', '10:00', '11:00', { status: 'cancelled' })]),
    ).toBeUndefined();
    expect(findRoomClash(slot('n', '10:30', '11:30', { status: 'cancelled' }), existing)).toBeUndefined();
  });

  it('lets a break without a room span all rooms', () => {
    const lunch = slot('l', '10:00', '11:00', { kind: 'break', room: null });
    expect(findRoomClash(lunch, existing)).toBeUndefined();
    expect(findRoomClash(slot('n', '10:30', '11:30', { room: 'Hall C' }), [lunch])).toBeUndefined();
  });
});

describe('findSpeakerClash', () => {
  it('names the speaker and the other session', () => {
    const existing = [slot('x', '10:00', '11:00', { speakerIds: ['s1', 's2'] })];
    const clash = findSpeakerClash(slot('n', '10:30', '11:30', { room: 'Hall B', speakerIds: ['s2'] }), existing);
    expect(clash).toEqual({ speakerId: 's2', other: existing[0] });
  });

  it('allows the same speaker at different times', () => {
    const existing = [slot('x', '10:00', '11:00', { speakerIds: ['s1'] })];
    expect(findSpeakerClash(slot('n', '11:00', '12:00', { speakerIds: ['s1'] }), existing)).toBeUndefined();
  });
});

describe('withinEvent', () => {
  const event = { startsAt: at('09:00'), endsAt: at('17:00') };
  it('accepts the edges and refuses anything outside', () => {
    expect(withinEvent(slot('a', '09:00', '17:00'), event)).toBe(true);
    expect(withinEvent(slot('a', '08:59', '10:00'), event)).toBe(false);
    expect(withinEvent(slot('a', '16:00', '17:01'), event)).toBe(false);
  });
});
