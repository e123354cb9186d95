import { enGB } from '../../platform/web/messages.en-GB.js';
import type { DoorDelegate } from '../check-in/check-in.repository.js';
import { checkInPath, checkInView, type CheckInPageInput } from './check-in.view.js';

const delegate = (overrides: Partial<DoorDelegate>): DoorDelegate => ({
  id: 'a',
  name: 'Amara Okafor',
  organisation: 'Northfield Trust',
  status: 'confirmed',
  checkInCode: 'ABCDEF012345',
  checkedInAt: null,
  hasPlace: false,
  erased: false,
  ...overrides,
});

const input = (overrides: Partial<CheckInPageInput>): CheckInPageInput => ({
  eventId: 'e',
  timezone: 'Europe/London',
  sessionId: null,
  doors: [],
  count: { checkedIn: 1, expected: 3 },
  q: 'ok',
  results: [],
  placeRequired: false,
  ...overrides,
});

describe('the door page view', () => {
  it('keeps the door, the search and the delegate shown in its address, and nothing blank', () => {
    expect(checkInPath('e')).toBe('/staff/events/e/check-in');
    expect(checkInPath('e', { sessionId: 's', q: 'a b', shown: 'r' })).toBe(
      '/staff/events/e/check-in?sessionId=s&q=a+b&shown=r',
    );
    expect(checkInPath('e', { sessionId: null, q: '' })).toBe('/staff/events/e/check-in');
  });

  it('one button per delegate who may come in, a reason for who may not, the time in the event zone', () => {
    const view = checkInView(
      input({
        results: [
          delegate({ id: 'in', checkedInAt: new Date('2026-06-04T08:12:00Z') }),
          delegate({ id: 'out', name: 'Ben Ashby' }),
          delegate({ id: 'wait', status: 'waitlisted' }),
        ],
      }),
      enGB,
    );
    expect(view.count).toBe('1 of 3 checked in');
    expect(view.rows.map((r) => [r.id, r.checkedIn?.time, r.refusal])).toEqual([
      ['in', '09:12', undefined],
      ['out', undefined, undefined],
      ['wait', undefined, 'On the waiting list: cannot be checked in'],
    ]);
    expect(view.rows[0].checkedIn?.at).toBe('2026-06-04T08:12:00.000Z');
    expect(view.rows[1].checkInLabel).toBe('Check in Ben Ashby');
    // Every form gets its own tap key.
    expect(new Set(view.rows.map((r) => r.tapKey)).size).toBe(3);
  });

  it('puts the delegate just acted on first, with the saved sentence; a workshop door needs a place', () => {
    const shown = delegate({ id: 'b', name: 'Ben Ashby' });
    const view = checkInView(
      input({ results: [delegate({}), shown], shown, placeRequired: true, sessionId: 's', doors: [] }),
      enGB,
    );
    expect(view.rows.map((r) => r.id)).toEqual(['b', 'a']);
    expect(view.rows[0].shown).toBe(true);
    expect(view.shownText).toBe('Ben Ashby is not checked in.');
    expect(view.rows[1].refusal).toBe('No place in this workshop');
  });
});
