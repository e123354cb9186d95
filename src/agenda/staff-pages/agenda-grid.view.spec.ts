import type { AgendaSession } from '../agenda-session.entity.js';
import { agendaDays } from './agenda-grid.view.js';

const at = (hhmm: string, day = '2031-06-04') => new Date(`${day}T${hhmm}:00Z`);
let n = 0;
const session = (
  title: string,
  from: string,
  to: string,
  room: string | null,
  extra: { status?: string; day?: string } = {},
) =>
  ({
    id: `s${++n}`,
    title,
    kind: room ? 'talk' : 'break',
    startsAt: at(from, extra.day),
    endsAt: at(to, extra.day),
    room,
    status: extra.status ?? 'scheduled',
    speakers: [],
  }) as unknown as AgendaSession;

const days = (sessions: AgendaSession[]) =>
  agendaDays(sessions, 'UTC', 'en-GB', (s, time) => ({
    id: s.id,
    title: s.title,
    kind: s.kind,
    kindLabel: s.kind,
    time,
    room: s.room,
    speakers: '',
    cancelled: s.status === 'cancelled',
    href: `/${s.id}`,
  }));

/** Each row as text: "09:00 | A(2) | B" (a cell's rowspan in brackets when above 1, "-" for empty). */
const drawn = (day: ReturnType<typeof days>[number]) =>
  day.rows.map((row) =>
    [
      row.time,
      ...row.cells.map((c) =>
        c.session ? `${c.session.title}${c.spansAll ? '*' : ''}${c.rowspan > 1 ? `(${c.rowspan})` : ''}` : '-',
      ),
    ].join(' | '),
  );

describe('agenda grid', () => {
  it('puts each room in a column and each session from its start row to its end row; a break spans every room', () => {
    const [day] = days([
      session('Keynote', '09:00', '10:00', 'Hall'),
      session('Long workshop', '09:00', '11:00', 'Studio'),
      session('Talk', '10:00', '11:00', 'hall '),
      session('Coffee', '11:00', '11:30', null),
    ]);
    expect(day.rooms).toEqual(['Hall', 'Studio']);
    expect(drawn(day)).toEqual(['09:00 | Keynote | Long workshop(2)', '10:00 | Talk', '11:00 | Coffee*']);
    expect(day.rows[2].cells[0].colspan).toBe(2);
    expect(day.unplaced).toEqual([]);
  });

  it('leaves empty cells where a room is free, lists cancelled sessions only in the list, and splits days', () => {
    const result = days([
      session('Morning', '09:00', '10:00', 'Hall'),
      session('Late', '10:00', '11:00', 'Studio'),
      session('Dropped', '09:00', '10:00', 'Studio', { status: 'cancelled' }),
      session('Day two', '09:00', '10:00', 'Hall', { day: '2031-06-05' }),
    ]);
    expect(result.map((d) => d.label)).toEqual(['Wednesday 4 June', 'Thursday 5 June']);
    expect(drawn(result[0])).toEqual(['09:00 | Morning | -', '10:00 | - | Late']);
    expect(result[0].list.map((s) => [s.title, s.cancelled])).toEqual([
      ['Morning', false],
      ['Dropped', true],
      ['Late', false],
    ]);
  });

  it('lists under the grid a session that overlaps one without a room', () => {
    const [day] = days([session('Lunch', '12:00', '13:00', null), session('Lunch talk', '12:30', '13:00', 'Hall')]);
    expect(drawn(day)).toEqual(['12:00 | Lunch*(2)', '12:30']);
    expect(day.unplaced.map((s) => s.title)).toEqual(['Lunch talk']);
  });
});
