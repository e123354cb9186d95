import { shiftInWords } from './reschedule.view.js';

const HOUR = 3600 * 1000;

describe('shiftInWords', () => {
  it('says how far the event moves in days, hours and minutes, leaving out the zero parts', () => {
    expect(shiftInWords(7 * 24 * HOUR, 'en-GB')).toBe('7 days');
    expect(shiftInWords(-(2 * HOUR + 30 * 60 * 1000), 'en-GB')).toBe('2 hours and 30 minutes');
    expect(shiftInWords(24 * HOUR + HOUR, 'en-GB')).toBe('1 day and 1 hour');
  });
});
