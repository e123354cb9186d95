import { describeScheduleChange, eventWhen, scheduleChange, scheduleOf } from './event-schedule.js';

const event = {
  startsAt: new Date('2026-06-09T08:00:00Z'),
  endsAt: new Date('2026-06-09T16:00:00Z'),
  venue: 'Town Hall',
  timezone: 'Europe/London',
};

describe('event schedule changes', () => {
  it('sees no change when only the form of an instant differs', () => {
    const before = { ...scheduleOf(event), startsAt: '2026-06-09T09:00:00+01:00' };
    expect(scheduleChange(before, scheduleOf(event))).toBeUndefined();
  });

  it('tells a move and a new venue apart', () => {
    const moved = { ...event, startsAt: new Date('2026-06-10T08:00:00Z'), endsAt: new Date('2026-06-10T16:00:00Z') };
    expect(scheduleChange(scheduleOf(event), scheduleOf(moved))).toEqual({ moved: true, reVenued: false });
    expect(scheduleChange(scheduleOf(event), scheduleOf({ ...event, venue: 'Guildhall' }))).toEqual({
      moved: false,
      reVenued: true,
    });
  });

  it('writes the new value beside the old one, in the event zone', () => {
    const moved = { ...event, startsAt: new Date('2026-06-10T08:00:00Z'), endsAt: new Date('2026-06-10T16:00:00Z') };
    expect(describeScheduleChange(scheduleOf(event), { ...moved, venue: 'Guildhall' })).toEqual([
      'New dates: Wednesday 10 June 2026 at 09:00–17:00 (Europe/London). It was Tuesday 9 June 2026 at 09:00–17:00 (Europe/London).',
      'New venue: Guildhall. It was Town Hall.',
    ]);
  });

  it('spans days with "to"', () => {
    expect(eventWhen({ ...event, endsAt: new Date('2026-06-10T16:00:00Z') })).toBe(
      'Tuesday 9 June 2026 at 09:00 to Wednesday 10 June 2026 at 17:00 (Europe/London)',
    );
  });
});
