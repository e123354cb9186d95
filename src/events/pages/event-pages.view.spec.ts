import { enGB } from '../../platform/web/messages.en-GB.js';
import type { Event } from '../event.entity.js';
import { actionsFor, confirmView, eventInput, fromLocalInput, toLocalInput } from './event-pages.view.js';

const event = { id: 'e1', title: 'Annual Meeting', status: 'published' } as Event;

describe('event pages view', () => {
  it("reads a datetime-local value in the event's zone, and writes one back", () => {
    expect(fromLocalInput('2031-06-04T09:00', 'Europe/London')).toBe('2031-06-04T09:00:00+01:00');
    expect(fromLocalInput('2031-01-04T09:00', 'Europe/London')).toBe('2031-01-04T09:00:00+00:00');
    expect(fromLocalInput('soon', 'Europe/London')).toBe('soon');
    expect(toLocalInput(new Date('2031-06-04T08:00:00Z'), 'Europe/London')).toBe('2031-06-04T09:00');
  });

  it('passes places as a number only when they are one, and an empty slug not at all', () => {
    expect(eventInput({ capacity: '120', slug: ' ' })).toMatchObject({ capacity: 120 });
    expect(eventInput({ capacity: 'lots' }).capacity).toBe('lots');
    expect('slug' in eventInput({ slug: '' })).toBe(false);
  });

  it('offers the status changes the status allows', () => {
    expect(actionsFor('draft')).toEqual(['publish', 'cancel']);
    expect(actionsFor('published')).toEqual(['unpublish', 'cancel']);
    expect(actionsFor('cancelled')).toEqual([]);
  });

  it('says who a change emails', () => {
    expect(confirmView(event, 'cancel', { confirmed: 2, waiting: 1 }, enGB).who).toBe(
      '3 delegates are emailed that it is cancelled (2 with a place, 1 on the waiting list), with a calendar entry that removes it.',
    );
    expect(confirmView(event, 'cancel', { confirmed: 0, waiting: 0 }, enGB).who).toMatch(/Nobody is emailed/);
    expect(confirmView(event, 'unpublish', { confirmed: 5, waiting: 0 }, enGB).who).toBe('Nobody is emailed now.');
    expect(confirmView(event, 'publish', { confirmed: 1, waiting: 0 }, enGB).who).toMatch(
      /^Nobody is emailed now\. 1 registered delegate/,
    );
  });
});
