import { enGB } from '../../platform/web/messages.en-GB.js';
import type { AttendeeResponse } from '../dto/registration.response.js';
import { delegatesPath, delegatesView } from './delegates.view.js';

const attendee = (overrides: Partial<AttendeeResponse>): AttendeeResponse =>
  ({
    id: 'r1',
    name: 'Amara Okafor',
    email: 'amara@example.org',
    organisation: 'Northfield Trust',
    status: 'confirmed',
    waitlistPosition: null,
    checkedInAt: null,
    erasedAt: null,
    createdAt: '2026-06-01T10:00:00Z',
    ...overrides,
  }) as AttendeeResponse;

const counts = { confirmed: 60, waitlisted: 2, cancelled: 1, checkedIn: 3, placesLeft: 0, total: 63 };

describe('the delegates list view', () => {
  it('keeps the filters in the page links and the CSV link, never a blank one', () => {
    expect(delegatesPath('e', { q: 'ok', status: '', checkedIn: 'true', offset: 50 })).toBe(
      '/staff/events/e/delegates?q=ok&checkedIn=true&offset=50',
    );
    const view = delegatesView(
      {
        eventId: 'e',
        timezone: 'Europe/London',
        filter: { q: 'ok', offset: 50 },
        counts,
        items: [attendee({})],
        total: 120,
        workshops: [],
      },
      enGB,
    );
    expect(view.showing).toBe('Showing 51 to 51 of 120');
    expect(view.previous).toBe('/staff/events/e/delegates?q=ok');
    expect(view.next).toBe('/staff/events/e/delegates?q=ok&offset=100');
    expect(view.csv).toBe('/staff/events/e/delegates/export.csv?q=ok');
    expect(view.workshops).toBeUndefined();
    // No free seat: nothing to fill.
    expect(view.fill).toBeUndefined();
  });

  it('shows a waiting position, a check-in time in the event zone, and nothing personal of an erased delegate', () => {
    const view = delegatesView(
      {
        eventId: 'e',
        timezone: 'Europe/London',
        filter: {},
        counts: { ...counts, placesLeft: 1 },
        items: [
          attendee({ status: 'waitlisted', waitlistPosition: 2 }),
          attendee({ checkedInAt: '2026-06-04T08:12:00Z' }),
          attendee({ erasedAt: '2026-06-05T08:00:00Z', name: 'Erased', email: 'erased-r1@invalid' }),
        ],
        total: 3,
        workshops: [],
      },
      enGB,
    );
    expect(view.rows.map((r) => [r.status, r.checkedIn, r.email])).toEqual([
      ['Waiting, number 2', 'No', 'amara@example.org'],
      ['Confirmed', 'Yes, 4 Jun 2026, 09:12', 'amara@example.org'],
      ['Confirmed', 'No', ''],
    ]);
    expect(view.fill?.text).toBe('1 place is free and 2 people are waiting.');
  });
});
