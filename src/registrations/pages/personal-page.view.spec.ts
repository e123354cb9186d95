import { enGB } from '../../platform/web/messages.en-GB.js';
import type { MyRegistrationResponse } from '../dto/registration.response.js';
import { personalPageView, statusLine, workshopItems } from './personal-page.view.js';

const me = (over: Partial<MyRegistrationResponse> = {}): MyRegistrationResponse => ({
  id: 'r1',
  status: 'confirmed',
  name: 'Ana',
  email: 'ana@example.org',
  organisation: null,
  jobTitle: null,
  accessNeeds: null,
  dietaryNeeds: null,
  checkedInAt: null,
  cancelledAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  event: {
    id: 'e1',
    slug: 'meeting',
    title: 'Meeting',
    venue: 'Hall',
    timezone: 'Europe/London',
    startsAt: '2026-06-04T08:00:00Z',
    endsAt: '2026-06-04T16:00:00Z',
    status: 'published',
  },
  workshops: [],
  calendarUrl: 'http://x/cal.ics',
  ...over,
});

const workshop = (id: string, capacity: number | null, taken: number) => ({
  id,
  title: `Workshop ${id}`,
  startsAt: new Date('2026-06-04T10:00:00Z'),
  endsAt: new Date('2026-06-04T11:30:00Z'),
  room: 'Room 1',
  capacity,
  taken,
});

describe('the personal page view', () => {
  it('says where the delegate stands', () => {
    expect(statusLine(me(), enGB).text).toBe('You have a place.');
    expect(statusLine(me({ status: 'waitlisted', waitlistPosition: 3 }), enGB).text).toBe(
      'You are number 3 on the waiting list. We will email you when a place opens up.',
    );
    expect(statusLine(me({ status: 'cancelled' }), enGB)).toEqual({
      text: 'Your registration is cancelled.',
      tone: 'cancelled',
    });
  });

  it('offers each workshop with its places left, in the event’s time zone', () => {
    const items = workshopItems(
      me({
        workshops: [
          {
            sessionId: 'b',
            status: 'waitlisted',
            waitlistPosition: 2,
            title: '',
            startsAt: '',
            endsAt: '',
            room: null,
            sessionStatus: 'scheduled',
          },
        ],
      }),
      [workshop('a', 2, 2), workshop('b', 1, 1), workshop('c', null, 0)],
      '/r/tok',
      enGB,
    );
    expect(items[0]).toMatchObject({
      when: 'Thu 4 Jun, 11:00–12:30',
      places: '0 of 2 places left',
      action: { path: '/r/tok/workshops/a/join', label: 'Join the queue' },
    });
    expect(items[1]).toMatchObject({
      mineText: 'You are number 2 in the queue.',
      action: { path: '/r/tok/workshops/b/leave', label: 'Leave the queue' },
    });
    expect(items[2]).toMatchObject({ places: null, action: { label: 'Sign up' } });
  });

  it('shows workshops only to a delegate with a place, and no cancel form once cancelled', () => {
    const listing = [workshop('a', 2, 0)];
    expect(
      personalPageView(me({ status: 'waitlisted' }), listing, 't', { confirmCancel: false }, enGB).workshops,
    ).toEqual([]);
    expect(personalPageView(me({ status: 'cancelled' }), listing, 't', { confirmCancel: false }, enGB).canCancel).toBe(
      false,
    );
    expect(personalPageView(me(), listing, 'a/b', { confirmCancel: false }, enGB).base).toBe('/r/a%2Fb');
  });
});
