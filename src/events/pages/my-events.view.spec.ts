import { enGB } from '../../platform/web/messages.en-GB.js';
import type { Event } from '../event.entity.js';
import { myEventsView } from './my-events.view.js';

const event = (overrides: Partial<Event>): Event =>
  ({
    id: 'e1',
    slug: 'annual-meeting',
    title: 'Annual Meeting',
    timezone: 'Europe/London',
    startsAt: new Date('2031-06-04T08:00:00Z'),
    endsAt: new Date('2031-06-05T16:00:00Z'),
    status: 'draft',
    ...overrides,
  }) as Event;

describe('myEventsView', () => {
  it('says each status and role in words, and links each event to its staff page', () => {
    const { rows } = myEventsView(
      [
        { event: event({ status: 'draft', id: 'e1' }), role: 'organiser' },
        { event: event({ status: 'published', id: 'e2' }), role: 'facilitator' },
        { event: event({ status: 'cancelled', id: 'e3' }), role: 'admin' },
      ],
      enGB,
    );
    expect(rows.map((r) => [r.status, r.role, r.href])).toEqual([
      ['Draft', 'Organiser', '/staff/events/e1'],
      ['Published', 'Facilitator', '/staff/events/e2'],
      ['Cancelled', 'Administrator', '/staff/events/e3'],
    ]);
    expect(rows[0].dates).toBe('4 June – 5 June 2031');
    expect(rows.map((r) => r.tools.map((tool) => tool.label))).toEqual([
      [
        'Agenda',
        'Delegates',
        'Agency places',
        'Door check-in',
        'Attendance',
        'Reminders',
        'Canvases',
        'Feedback',
        'Mail',
        'Awards',
      ],
      ['Door check-in', 'Attendance', 'Canvases'],
      [
        'Agenda',
        'Delegates',
        'Agency places',
        'Door check-in',
        'Attendance',
        'Reminders',
        'Canvases',
        'Feedback',
        'Mail',
        'Awards',
      ],
    ]);
  });
});
