import type { ChangeKind, SessionValues } from './agenda-change.entity.js';
import type { AgendaSession } from './agenda-session.entity.js';

/** A session's state as far as the change list cares. */
export interface SessionSnapshot {
  title: string;
  kind: string;
  startsAt: Date;
  endsAt: Date;
  room: string | null;
  track: string | null;
  status: string;
  abstract: string | null;
  capacity: number | null;
  speakers: Array<{ id: string; name: string }>;
}

/** The snapshot of a session as loaded (speakers joined; none when not loaded). */
export const snapshotOf = (s: AgendaSession): SessionSnapshot => ({
  title: s.title,
  kind: s.kind,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  room: s.room,
  track: s.track,
  status: s.status,
  abstract: s.abstract,
  capacity: s.capacity,
  speakers: (s.speakers ?? []).map((p) => ({ id: p.id, name: p.name })),
});

export interface SessionDiff {
  kinds: ChangeKind[];
  oldValues: SessionValues | null;
  newValues: SessionValues | null;
}

const values = (s: SessionSnapshot): SessionValues => ({
  title: s.title,
  kind: s.kind,
  startsAt: s.startsAt.toISOString(),
  endsAt: s.endsAt.toISOString(),
  room: s.room,
  track: s.track,
  status: s.status,
  abstract: s.abstract,
  capacity: s.capacity,
  speakers: [...s.speakers].sort((a, b) => a.id.localeCompare(b.id)),
});

const speakerKey = (s: SessionSnapshot): string =>
  s.speakers
    .map((p) => p.id)
    .sort()
    .join(',');

/**
 * What changed between two states of a session (null: it did not exist), named in the
 * words the change list and the emails use. Undefined when nothing changed.
 */
export function diffSession(before: SessionSnapshot | null, after: SessionSnapshot | null): SessionDiff | undefined {
  if (!before && !after) return undefined;
  if (!before) return { kinds: ['added'], oldValues: null, newValues: values(after!) };
  if (!after) return { kinds: ['removed'], oldValues: values(before), newValues: null };

  const kinds: ChangeKind[] = [];
  const oldValues: SessionValues = {};
  const newValues: SessionValues = {};
  const a = values(before);
  const b = values(after);
  const record = (field: keyof SessionValues) => {
    (oldValues as Record<string, unknown>)[field] = a[field];
    (newValues as Record<string, unknown>)[field] = b[field];
  };

  if (before.status !== after.status) {
    kinds.push(after.status === 'cancelled' ? 'cancelled' : 'reinstated');
    record('status');
  }
  const startMoved = before.startsAt.getTime() !== after.startsAt.getTime();
  const durationChanged =
    before.endsAt.getTime() - before.startsAt.getTime() !== after.endsAt.getTime() - after.startsAt.getTime();
  if (startMoved) kinds.push('moved');
  if (durationChanged) kinds.push('retimed');
  if (startMoved || before.endsAt.getTime() !== after.endsAt.getTime()) {
    record('startsAt');
    record('endsAt');
  }
  if ((before.room ?? '') !== (after.room ?? '')) {
    kinds.push('re-roomed');
    record('room');
  }
  if (speakerKey(before) !== speakerKey(after)) {
    kinds.push('speakers-changed');
    record('speakers');
  }
  if (before.title !== after.title) {
    kinds.push('renamed');
    record('title');
  }
  const details = (['kind', 'track', 'abstract', 'capacity'] as const).filter((f) => a[f] !== b[f]);
  if (details.length > 0) {
    kinds.push('details');
    details.forEach(record);
  }
  return kinds.length > 0 ? { kinds, oldValues, newValues } : undefined;
}

/** Changes worth an email: anything but edits to the description, track, kind or capacity. */
export const notifiable = (kinds: readonly ChangeKind[]): boolean => kinds.some((k) => k !== 'details');
