import { DateTime } from 'luxon';
import ICAL from 'ical.js';
import ical, { type VEvent } from 'node-ical';
import {
  agendaCalendar,
  calendarAttachment,
  eventCalendar,
  sessionUid,
  sessionsCalendar,
  type CalendarEvent,
  type CalendarSession,
} from './calendar.js';
import { buildVTimezone } from './vtimezone.js';

const london: CalendarEvent = {
  id: '11111111-1111-4111-8111-111111111111',
  slug: 'spring-meeting',
  title: 'Spring meeting',
  description: 'Annual meeting',
  venue: 'Town Hall',
  timezone: 'Europe/London',
  // Saturday 28 March to Sunday 29 March 2026: clocks go forward at 01:00 UTC on the 29th.
  startsAt: new Date('2026-03-28T09:00:00Z'),
  endsAt: new Date('2026-03-29T17:00:00Z'),
  status: 'published',
};

function session(overrides: Partial<CalendarSession> & { id: string }): CalendarSession {
  return {
    title: 'A talk',
    kind: 'talk',
    startsAt: new Date('2026-03-28T10:00:00Z'),
    endsAt: new Date('2026-03-28T11:00:00Z'),
    room: 'Hall A',
    status: 'scheduled',
    sequence: 0,
    speakers: [],
    ...overrides,
  };
}

function events(ics: string): VEvent[] {
  return Object.values(ical.sync.parseICS(ics)).filter((c): c is VEvent => c?.type === 'VEVENT');
}

function local(date: Date | undefined, zone: string): string {
  if (!date) throw new Error('missing date');
  return DateTime.fromJSDate(date, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");
}

describe('agendaCalendar', () => {
  const sessions = [
    session({ id: 'a', title: 'Before the change' }),
    // 09:30 BST on the day the clocks change = 08:30 UTC.
    session({
      id: 'b',
      title: 'Morning after the change',
      startsAt: new Date('2026-03-29T08:30:00Z'),
      endsAt: new Date('2026-03-29T09:30:00Z'),
      sequence: 3,
      speakers: [{ name: 'Ada Lovelace' }],
    }),
    // Spans the change itself: 00:30 GMT to 03:00 BST.
    session({
      id: 'c',
      title: 'Night owls',
      startsAt: new Date('2026-03-29T00:30:00Z'),
      endsAt: new Date('2026-03-29T02:00:00Z'),
      status: 'cancelled',
      sequence: 1,
    }),
  ];
  const ics = agendaCalendar(london, sessions, { stamp: new Date('2026-03-01T00:00:00Z') });
  const parsed = events(ics);
  const byUid = new Map(parsed.map((e) => [e.uid, e]));

  it('has one VEVENT per session with a stable UID and its SEQUENCE', () => {
    expect(parsed).toHaveLength(3);
    expect(Number(byUid.get(sessionUid('b'))?.sequence)).toBe(3);
    expect(ics).toContain('UID:session-a@plenary');
  });

  it('writes times in the event zone with a VTIMEZONE, correct across the DST change', () => {
    expect(ics).toContain('BEGIN:VTIMEZONE');
    expect(ics).toContain('TZID:Europe/London');
    expect(ics).toContain('DTSTART;TZID=Europe/London:20260329T093000');
    const b = byUid.get(sessionUid('b'))!;
    expect(b.start.toISOString()).toBe('2026-03-29T08:30:00.000Z');
    expect(local(b.start, 'Europe/London')).toBe('2026-03-29T09:30');
    const c = byUid.get(sessionUid('c'))!;
    expect(local(c.start, 'Europe/London')).toBe('2026-03-29T00:30');
    expect(local(c.end, 'Europe/London')).toBe('2026-03-29T03:00');
    expect(c.end!.getTime() - c.start.getTime()).toBe(90 * 60_000);
    const a = byUid.get(sessionUid('a'))!;
    expect(local(a.start, 'Europe/London')).toBe('2026-03-28T10:00');
  });

  it('marks cancelled sessions STATUS:CANCELLED and others CONFIRMED', () => {
    expect(byUid.get(sessionUid('c'))?.status).toBe('CANCELLED');
    expect(byUid.get(sessionUid('a'))?.status).toBe('CONFIRMED');
  });

  it('puts speakers names (never emails) and the room in the VEVENT', () => {
    const b = byUid.get(sessionUid('b'))!;
    expect(String(b.description as unknown as string)).toContain('Ada Lovelace');
    expect(String(b.location as unknown as string)).toBe('Hall A, Town Hall');
  });

  it('keeps DTSTAMP in UTC', () => {
    expect(ics).toMatch(/DTSTAMP:20260301T000000Z/);
  });

  it('is byte-stable for the same input and stamp', () => {
    expect(agendaCalendar(london, [...sessions].reverse(), { stamp: new Date('2026-03-01T00:00:00Z') })).toBe(ics);
  });
});

describe('autumn DST change (Europe/London, last Sunday of October)', () => {
  it('keeps local times right on both sides of the change', () => {
    const event = {
      ...london,
      startsAt: new Date('2026-10-24T08:00:00Z'),
      endsAt: new Date('2026-10-25T18:00:00Z'),
    };
    // 10:00 GMT on 25 October 2026 (clocks went back at 01:00 UTC) = 10:00 UTC; 10:00 BST the day before = 09:00 UTC.
    const ics = sessionsCalendar(event, [
      session({ id: 'x', startsAt: new Date('2026-10-25T10:00:00Z'), endsAt: new Date('2026-10-25T11:15:00Z') }),
      session({ id: 'y', startsAt: new Date('2026-10-24T09:00:00Z'), endsAt: new Date('2026-10-24T10:00:00Z') }),
    ]);
    const [y, x] = events(ics).sort((p, q) => p.start.getTime() - q.start.getTime());
    expect(x.start.toISOString()).toBe('2026-10-25T10:00:00.000Z');
    expect(local(x.start, 'Europe/London')).toBe('2026-10-25T10:00');
    expect(y.start.toISOString()).toBe('2026-10-24T09:00:00.000Z');
    expect(local(y.start, 'Europe/London')).toBe('2026-10-24T10:00');
  });
});

describe('the repeated hour when clocks go back', () => {
  // 01:30 in London on 25 October 2026 happens twice: 00:30 UTC (BST) and 01:30 UTC (GMT).
  const event = { ...london, startsAt: new Date('2026-10-24T08:00:00Z'), endsAt: new Date('2026-10-25T18:00:00Z') };
  const first = session({
    id: 'first',
    startsAt: new Date('2026-10-25T00:30:00Z'),
    endsAt: new Date('2026-10-25T00:45:00Z'),
  });
  const second = session({
    id: 'second',
    startsAt: new Date('2026-10-25T01:30:00Z'),
    endsAt: new Date('2026-10-25T01:45:00Z'),
  });
  const ics = agendaCalendar(event, [first, second], { stamp: new Date('2026-10-01T00:00:00Z') });

  it('reads both instants back exactly', () => {
    const byUid = new Map(events(ics).map((e) => [e.uid, e]));
    expect(byUid.get(sessionUid('first'))?.start.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(byUid.get(sessionUid('second'))?.start.toISOString()).toBe('2026-10-25T01:30:00.000Z');
    expect(byUid.get(sessionUid('second'))?.end?.toISOString()).toBe('2026-10-25T01:45:00.000Z');
  });

  it('reads both instants back exactly with a second parser (ical.js)', () => {
    const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const starts = new Map(
      calendar.getAllSubcomponents('vevent').map((vevent) => {
        const parsed = new ICAL.Event(vevent);
        return [parsed.uid, parsed.startDate.toJSDate().toISOString()];
      }),
    );
    expect(starts.get(sessionUid('first'))).toBe('2026-10-25T00:30:00.000Z');
    expect(starts.get(sessionUid('second'))).toBe('2026-10-25T01:30:00.000Z');
  });

  it('writes them in UTC, so no reader has to choose between the two', () => {
    const vevent = (uid: string) => ics.split('BEGIN:VEVENT').find((block) => block.includes(`UID:${uid}`))!;
    expect(vevent(sessionUid('first'))).toContain('\r\nDTSTART:20261025T003000Z\r\n');
    expect(vevent(sessionUid('second'))).toContain('\r\nDTSTART:20261025T013000Z\r\n');
    expect(vevent(sessionUid('second'))).toContain('\r\nDTEND:20261025T014500Z\r\n');
  });

  it('keeps unambiguous times local', () => {
    const later = session({
      id: 'later',
      startsAt: new Date('2026-10-25T02:30:00Z'),
      endsAt: new Date('2026-10-25T03:00:00Z'),
    });
    expect(agendaCalendar(event, [later])).toContain('DTSTART;TZID=Europe/London:20261025T023000');
  });

  it('writes the event VEVENT in UTC when the event starts in that hour', () => {
    const early = { ...event, startsAt: new Date('2026-10-25T01:10:00Z') };
    expect(eventCalendar(early)).toContain('\r\nDTSTART:20261025T011000Z\r\n');
    expect(events(eventCalendar(early))[0].start.toISOString()).toBe('2026-10-25T01:10:00.000Z');
  });
});

describe('file shape (RFC 5545)', () => {
  const files = {
    agenda: agendaCalendar(london, [session({ id: 'a' })]),
    empty: agendaCalendar(london, []),
    event: eventCalendar(london),
  };

  it.each(Object.entries(files))('%s: every line ends with CRLF, the last one too', (_name, ics) => {
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it.each(Object.entries(files))('%s: calendar properties come before the first component', (_name, ics) => {
    const lines = ics.split('\r\n').filter(Boolean);
    let depth = 0;
    let sawComponent = false;
    for (const line of lines.slice(1, -1)) {
      if (line.startsWith('BEGIN:')) {
        depth += 1;
        sawComponent = true;
      } else if (line.startsWith('END:')) depth -= 1;
      else if (depth === 0 && !line.startsWith(' '))
        expect({ line, sawComponent }).toEqual({ line, sawComponent: false });
    }
    expect(lines).toContain('X-WR-TIMEZONE:Europe/London');
  });
});

describe('other zones', () => {
  it('works for a zone in the southern hemisphere and one without DST', () => {
    for (const timezone of ['Australia/Sydney', 'Asia/Kolkata', 'America/New_York']) {
      const event = { ...london, timezone, startsAt: new Date('2026-04-04T00:00:00Z') };
      const ics = agendaCalendar(event, [
        session({ id: 's', startsAt: new Date('2026-04-05T03:30:00Z'), endsAt: new Date('2026-04-05T04:30:00Z') }),
      ]);
      const [e] = events(ics);
      expect(e.start.toISOString()).toBe('2026-04-05T03:30:00.000Z');
      expect(ics).toContain(`TZID:${timezone}`);
    }
  });
});

describe('eventCalendar', () => {
  it('is a single VEVENT spanning the event in its zone', () => {
    const ics = eventCalendar(london, { sequence: 2, url: 'https://plenary.example/events/spring-meeting' });
    const parsed = events(ics);
    expect(parsed).toHaveLength(1);
    expect(parsed[0].uid).toBe(`event-${london.id}@plenary`);
    expect(Number(parsed[0].sequence)).toBe(2);
    expect(local(parsed[0].start, 'Europe/London')).toBe('2026-03-28T09:00');
    expect(local(parsed[0].end, 'Europe/London')).toBe('2026-03-29T18:00');
    expect(ics).toContain('DTEND;TZID=Europe/London:20260329T180000');
  });

  it('is CANCELLED when the event is', () => {
    const [e] = events(eventCalendar({ ...london, status: 'cancelled' }));
    expect(e.status).toBe('CANCELLED');
  });

  it('makes a mail attachment', () => {
    const attachment = calendarAttachment(eventCalendar(london), 'event.ics');
    expect(attachment.contentType).toMatch(/^text\/calendar/);
    expect(attachment.filename).toBe('event.ics');
  });
});

describe('buildVTimezone', () => {
  it('lists both 2026 changes for Europe/London', () => {
    const tz = buildVTimezone('Europe/London', new Date('2026-03-28T00:00:00Z'), new Date('2026-03-29T00:00:00Z'))!;
    expect(tz).toContain(
      'BEGIN:DAYLIGHT\r\nDTSTART:20260329T010000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST',
    );
    expect(tz).toContain('BEGIN:STANDARD\r\nDTSTART:20261025T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000');
  });

  it('gives a fixed zone one observance, and UTC none (written as UTC times)', () => {
    const tz = buildVTimezone('Etc/UTC', new Date('2026-03-28T00:00:00Z'), new Date('2026-03-29T00:00:00Z'))!;
    expect(tz.match(/BEGIN:STANDARD/g)).toHaveLength(1);
    const ics = agendaCalendar({ ...london, timezone: 'UTC' }, [session({ id: 'u' })]);
    const [e] = events(ics);
    expect(e.start.toISOString()).toBe('2026-03-28T10:00:00.000Z');
  });

  it('returns null for UTC', () => {
    expect(buildVTimezone('UTC', new Date(), new Date())).toBeNull();
  });
});
