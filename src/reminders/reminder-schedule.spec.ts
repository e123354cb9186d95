import { describeOffset, durationSeconds, fillPlaceholders, reminderTime } from './reminder-schedule.js';

describe('durationSeconds', () => {
  it('accepts days, weeks and times', () => {
    expect(durationSeconds('P7D')).toBe(7 * 86_400);
    expect(durationSeconds('P1W')).toBe(7 * 86_400);
    expect(durationSeconds('PT1H30M')).toBe(5400);
    expect(durationSeconds('P1DT2H')).toBe(86_400 + 7200);
  });

  it('refuses months, years, zero, negatives and nonsense', () => {
    for (const bad of ['P1M', 'P1Y', 'PT0S', 'P0D', '-P1D', 'P', 'PT', '7 days', 'P400D', 'P1.5D']) {
      expect(durationSeconds(bad)).toBeUndefined();
    }
  });
});

describe('reminderTime', () => {
  const times = {
    eventStartsAt: new Date('2026-06-10T09:00:00Z'),
    eventEndsAt: new Date('2026-06-11T17:00:00Z'),
    sessionStartsAt: new Date('2026-06-10T14:00:00Z'),
  };

  it('counts back from the start, forward from the end, back from a session', () => {
    expect(reminderTime('event-start', 86_400, times).toISOString()).toBe('2026-06-09T09:00:00.000Z');
    expect(reminderTime('event-end', 86_400, times).toISOString()).toBe('2026-06-12T17:00:00.000Z');
    expect(reminderTime('session-start', 3600, times).toISOString()).toBe('2026-06-10T13:00:00.000Z');
  });
});

describe('fillPlaceholders', () => {
  it('fills known placeholders and leaves unknown ones', () => {
    const values = {
      name: 'Ana',
      event: 'AGM',
      session: 'Workshop',
      time: '9:00',
      venue: 'Hall',
      room: 'Room 4',
      link: 'https://x',
    };
    expect(fillPlaceholders('Hi {{name}}, {{ event }} at {{time}} {{other}}', values)).toBe(
      'Hi Ana, AGM at 9:00 {{other}}',
    );
  });
});

describe('describeOffset', () => {
  it('says days, hours or minutes', () => {
    expect(describeOffset(86_400)).toBe('1 day');
    expect(describeOffset(7200)).toBe('2 hours');
    expect(describeOffset(900)).toBe('15 minutes');
  });
});
