/** What the clash rules need of a session. */
export interface Slot {
  id: string;
  title: string;
  kind: string;
  startsAt: Date;
  endsAt: Date;
  room: string | null;
  status: string;
  speakerIds: readonly string[];
}

export interface SpeakerClash {
  speakerId: string;
  other: Slot;
}

/** Half-open intervals: a session ending at 10:00 and one starting at 10:00 do not overlap. */
export const overlaps = (a: Pick<Slot, 'startsAt' | 'endsAt'>, b: Pick<Slot, 'startsAt' | 'endsAt'>): boolean =>
  a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();

/** Rooms compare without case or surrounding spaces ("Hall A" is "hall a "). */
export const sameRoom = (a: string | null, b: string | null): boolean =>
  a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

const live = (slot: Slot): boolean => slot.status !== 'cancelled';

/**
 * The first other session in the same room at an overlapping time. A session without a
 * room (typically a break that spans all rooms) never clashes on rooms.
 */
export function findRoomClash(candidate: Slot, others: readonly Slot[]): Slot | undefined {
  if (!live(candidate) || candidate.room === null) return undefined;
  return others.find(
    (other) =>
      other.id !== candidate.id && live(other) && sameRoom(candidate.room, other.room) && overlaps(candidate, other),
  );
}

/** The first speaker of the candidate who is also in another overlapping session. */
export function findSpeakerClash(candidate: Slot, others: readonly Slot[]): SpeakerClash | undefined {
  if (!live(candidate) || candidate.speakerIds.length === 0) return undefined;
  for (const other of others) {
    if (other.id === candidate.id || !live(other) || !overlaps(candidate, other)) continue;
    const speakerId = candidate.speakerIds.find((id) => other.speakerIds.includes(id));
    if (speakerId) return { speakerId, other };
  }
  return undefined;
}

/** Whether the session lies within the event's dates. */
export const withinEvent = (
  slot: Pick<Slot, 'startsAt' | 'endsAt'>,
  event: { startsAt: Date; endsAt: Date },
): boolean => slot.startsAt.getTime() >= event.startsAt.getTime() && slot.endsAt.getTime() <= event.endsAt.getTime();
