import { DateTime } from 'luxon';
import type { AgendaSession } from '../agenda-session.entity.js';

/** A session as the builder shows it, in the event's zone. */
export interface BuilderSession {
  id: string;
  title: string;
  kind: string;
  kindLabel: string;
  time: string;
  room: string | null;
  speakers: string;
  cancelled: boolean;
  href: string;
}

/** One block of the grid: where it starts (row, column) and how far it reaches. */
export interface GridCell {
  session?: BuilderSession;
  rowspan: number;
  colspan: number;
  /** A break or other session without a room: across every room. */
  spansAll: boolean;
}

export interface GridRow {
  time: string;
  /** The cells that start in this row (covered positions are left out, as `rowspan`/`colspan` reach them). */
  cells: GridCell[];
}

export interface AgendaDay {
  key: string;
  label: string;
  rooms: string[];
  rows: GridRow[];
  /** Every session of the day in time order: the list view (and what the grid could not place). */
  list: BuilderSession[];
  /** Sessions the grid leaves out because they overlap another without a room (listed below it). */
  unplaced: BuilderSession[];
}

interface Placed {
  session: BuilderSession;
  start: number;
  end: number;
  room: string | null;
}

const roomKey = (room: string) => room.trim().toLowerCase();

/**
 * The agenda as a day-by-room grid: one column per room of the day, one row per moment a
 * session starts or ends, each session a cell reaching from its start row to its end row;
 * a session without a room (a break, a plenary) reaches across every room. Cancelled
 * sessions are in the list only. A session that would land on a place already taken (only
 * possible beside a room-less one, which never clashes on rooms) is listed under the grid.
 */
export function agendaDays(
  sessions: readonly AgendaSession[],
  zone: string,
  locale: string,
  describe: (session: AgendaSession, time: string) => BuilderSession,
): AgendaDay[] {
  const byDay = new Map<string, AgendaSession[]>();
  for (const session of [...sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
    const key = DateTime.fromJSDate(session.startsAt, { zone }).toISODate()!;
    byDay.set(key, [...(byDay.get(key) ?? []), session]);
  }
  return [...byDay].map(([key, daySessions]) => {
    const clock = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat('HH:mm');
    const views = new Map(
      daySessions.map((s) => [s.id, describe(s, `${clock(s.startsAt)}–${clock(s.endsAt)}`)] as const),
    );
    const live = daySessions.filter((s) => s.status !== 'cancelled');
    const rooms: string[] = [];
    for (const s of live) if (s.room && !rooms.some((r) => roomKey(r) === roomKey(s.room!))) rooms.push(s.room.trim());
    rooms.sort((a, b) => a.localeCompare(b, locale));
    const columns = Math.max(rooms.length, 1);
    const moments = [...new Set(live.flatMap((s) => [s.startsAt.getTime(), s.endsAt.getTime()]))].sort((a, b) => a - b);
    const taken = moments.slice(0, -1).map(() => new Array<boolean>(columns).fill(false));
    const placed: Placed[] = [];
    const unplaced: BuilderSession[] = [];
    for (const s of live) {
      const start = moments.indexOf(s.startsAt.getTime());
      const end = moments.indexOf(s.endsAt.getTime());
      const column = s.room ? rooms.findIndex((r) => roomKey(r) === roomKey(s.room!)) : -1;
      const cols = column < 0 ? [...Array(columns).keys()] : [column];
      const free = taken.slice(start, end).every((row) => cols.every((c) => !row[c]));
      if (!free) {
        unplaced.push(views.get(s.id)!);
        continue;
      }
      for (const row of taken.slice(start, end)) for (const c of cols) row[c] = true;
      placed.push({ session: views.get(s.id)!, start, end, room: column < 0 ? null : rooms[column] });
    }
    const rows: GridRow[] = moments.slice(0, -1).map((moment, index) => {
      const cells: GridCell[] = [];
      for (let c = 0; c < columns; c++) {
        const here = placed.find(
          (p) => p.start === index && (p.room === null ? c === 0 : roomKey(rooms[c]) === roomKey(p.room)),
        );
        if (here) {
          const spansAll = here.room === null;
          cells.push({
            session: here.session,
            rowspan: here.end - here.start,
            colspan: spansAll ? columns : 1,
            spansAll,
          });
          if (spansAll) break;
        } else if (!taken[index][c]) {
          cells.push({ rowspan: 1, colspan: 1, spansAll: false });
        }
      }
      return { time: DateTime.fromMillis(moment, { zone }).toFormat('HH:mm'), cells };
    });
    return {
      key,
      label: DateTime.fromISO(key, { zone }).setLocale(locale).toFormat('cccc d LLLL'),
      rooms,
      rows,
      list: daySessions.map((s) => views.get(s.id)!),
      unplaced,
    };
  });
}
