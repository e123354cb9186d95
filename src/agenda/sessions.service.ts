import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { Clock } from '../platform/clock/clock.js';
import { notFound } from '../platform/errors/common.errors.js';
import { rejectNulls } from '../events/dto/reject-nulls.js';
import type { Event } from '../events/event.entity.js';
import { EventCancelledHooks } from '../events/event-cancelled.hooks.js';
import { type EventDatesChange, EventDatesHooks } from '../events/event-dates.hooks.js';
import { eventsError, EventsError } from '../events/events.errors.js';
import { ScheduleChangeHooks } from '../events/schedule-change.hooks.js';
import type { Speaker } from './speaker.entity.js';
import { AgendaChangesService } from './agenda-changes.service.js';
import { AgendaSession } from './agenda-session.entity.js';
import { AgendaWrites } from './agenda-writes.js';
import { diffSession, snapshotOf, type SessionSnapshot } from './changes.js';
import { findRoomClash, findSpeakerClash, overlaps, withinEvent, type Slot } from './clash.js';
import type { CreateSessionDto, UpdateSessionDto } from './dto/create-session.dto.js';
import { sessionsError, SessionsError } from './sessions.errors.js';
import { SessionsRepository } from './sessions.repository.js';

const toSlot = (s: AgendaSession): Slot => ({
  id: s.id,
  title: s.title,
  kind: s.kind,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  room: s.room,
  status: s.status,
  speakerIds: (s.speakers ?? []).map((p) => p.id),
});

const refuseIfCancelled = (event: Event): void => {
  if (event.status === 'cancelled') {
    throw sessionsError(SessionsError.EventCancelled, 'This event was cancelled; its agenda can no longer change.');
  }
};

/** The agenda's rules: dates, room and speaker clashes, and the change list once published. */
@Injectable()
export class SessionsService implements OnModuleInit {
  constructor(
    private readonly writes: AgendaWrites,
    private readonly repo: SessionsRepository,
    private readonly changes: AgendaChangesService,
    private readonly scheduleChanges: ScheduleChangeHooks,
    private readonly clock: Clock,
    private readonly dates: EventDatesHooks,
    private readonly eventCancelled: EventCancelledHooks,
  ) {}

  onModuleInit(): void {
    this.dates.register((manager, event, change) => this.followNewDates(manager, event, change));
    // The feed shows every session of a cancelled event as CANCELLED; a raised SEQUENCE makes calendars take it.
    this.eventCancelled.register((manager, event) => this.repo.raiseSequences(manager, event.id));
  }

  /** Moves the sessions with the event when asked; refuses dates that would leave one outside. */
  private async followNewDates(manager: EntityManager, event: Event, change: EventDatesChange): Promise<void> {
    if (change.moveSessions && change.shiftMs !== 0) await this.shiftAll(manager, event, change.shiftMs);
    const outside = await this.repo.scheduledOutside(manager, event.id, event.startsAt, event.endsAt);
    if (outside.length === 0) return;
    const names = outside.slice(0, 3).map((s) => `"${s.title}"`);
    throw eventsError(
      EventsError.SessionsOutsideDates,
      change.moveSessions
        ? `The new dates are shorter: even moved with the start, ${outside.length} session(s) would fall outside the event (${names.join(', ')}); move or shorten them first.`
        : `The new dates would leave ${outside.length} session(s) outside the event (${names.join(', ')}); move them first, or move every session with the event.`,
    );
  }

  /**
   * Moves every session of a rescheduled event by `shiftMs`, in the event's transaction (the
   * event row is locked and saved by the caller, which also moves the reminders). Once
   * published, each move raises the session's SEQUENCE and is recorded, so calendars update
   * and the debounced change emails go out.
   */
  private async shiftAll(manager: EntityManager, event: Event, shiftMs: number): Promise<void> {
    for (const session of await this.repo.allOfEvent(manager, event.id)) {
      const before = snapshotOf(session);
      session.startsAt = new Date(session.startsAt.getTime() + shiftMs);
      session.endsAt = new Date(session.endsAt.getTime() + shiftMs);
      if (event.status === 'published') session.sequence += 1;
      const saved = await this.repo.save(manager, session);
      if (event.status !== 'published') continue;
      const diff = diffSession(before, snapshotOf(saved));
      if (diff) {
        await this.changes.record(
          manager,
          event,
          { id: saved.id, title: saved.title },
          diff,
          before.speakers.map((s) => s.id),
        );
      }
    }
  }

  async create(eventId: string, input: CreateSessionDto): Promise<AgendaSession> {
    return this.writes.change(eventId, async ({ manager, event }) => {
      refuseIfCancelled(event);
      const draft = this.repo.draft(manager, {
        eventId,
        title: input.title,
        abstract: input.abstract ?? null,
        kind: input.kind,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
        room: input.room ?? null,
        track: input.track ?? null,
        capacity: input.capacity ?? null,
        status: 'scheduled',
        sequence: 0,
        speakers: await this.speakersOf(manager, eventId, input.speakerIds ?? []),
      });
      await this.checkRules(manager, event, draft);
      const saved = await this.repo.save(manager, draft);
      await this.afterChange(manager, event, saved, null, snapshotOf(saved));
      return saved;
    });
  }

  async update(eventId: string, sessionId: string, input: UpdateSessionDto): Promise<AgendaSession> {
    rejectNulls(input, ['title', 'kind', 'startsAt', 'endsAt', 'status', 'speakerIds']);
    return this.writes.change(eventId, async ({ manager, event, unchanged }) => {
      refuseIfCancelled(event);
      const session = await this.load(manager, eventId, sessionId);
      const before = snapshotOf(session);
      if (input.title !== undefined) session.title = input.title;
      if (input.abstract !== undefined) session.abstract = input.abstract;
      if (input.kind !== undefined) session.kind = input.kind;
      if (input.startsAt !== undefined) session.startsAt = new Date(input.startsAt);
      if (input.endsAt !== undefined) session.endsAt = new Date(input.endsAt);
      if (input.room !== undefined) session.room = input.room;
      if (input.track !== undefined) session.track = input.track;
      if (input.capacity !== undefined) session.capacity = input.capacity;
      if (input.status !== undefined) session.status = input.status;
      if (input.speakerIds !== undefined) session.speakers = await this.speakersOf(manager, eventId, input.speakerIds);
      await this.checkRules(manager, event, session);
      const diff = diffSession(before, snapshotOf(session));
      if (!diff) {
        unchanged();
        return session;
      }
      if (event.status === 'published') session.sequence += 1;
      const saved = await this.repo.save(manager, session);
      await this.afterChange(manager, event, saved, before, snapshotOf(saved));
      return saved;
    });
  }

  /**
   * Before the agenda was ever published the session simply goes. After, calendars may hold
   * it, so the row stays as a cancelled tombstone with SEQUENCE raised: the feed and the
   * change email carry that cancellation, and everything else no longer sees the session.
   */
  async remove(eventId: string, sessionId: string): Promise<void> {
    await this.writes.change(eventId, async ({ manager, event }) => {
      const session = await this.load(manager, eventId, sessionId);
      if (event.publishedAt === null) {
        await this.repo.delete(manager, session.id);
      } else {
        await this.repo.markRemoved(manager, session, this.clock.now());
      }
      await this.afterChange(manager, event, session, snapshotOf(session), null);
    });
  }

  /** The agenda as its staff build it: every session still on it (cancelled ones too), with speakers. */
  agendaOf(eventId: string): Promise<AgendaSession[]> {
    return this.repo.agenda(eventId);
  }

  async get(eventId: string, sessionId: string): Promise<AgendaSession> {
    const session = await this.repo.find(eventId, sessionId);
    if (!session) throw notFound('The session');
    return session;
  }

  /**
   * Moves the reminders of signed-up delegates with the session and (once the agenda is
   * public) records the change and schedules the change emails.
   */
  private async afterChange(
    manager: EntityManager,
    event: Event,
    session: AgendaSession,
    before: SessionSnapshot | null,
    after: SessionSnapshot | null,
  ): Promise<void> {
    await this.scheduleChanges.announce(manager, { eventId: event.id });
    if (event.status !== 'published') return;
    const diff = diffSession(before, after);
    if (!diff) return;
    const speakerIds = [...(before?.speakers ?? []), ...(after?.speakers ?? [])].map((s) => s.id);
    await this.changes.record(
      manager,
      event,
      { id: session.id, title: after?.title ?? before!.title },
      diff,
      speakerIds,
    );
  }

  private async load(manager: EntityManager, eventId: string, sessionId: string): Promise<AgendaSession> {
    const session = await this.repo.findWithSpeakers(manager, eventId, sessionId);
    if (!session) throw notFound('The session');
    return session;
  }

  private async speakersOf(manager: EntityManager, eventId: string, ids: string[]): Promise<Speaker[]> {
    if (ids.length === 0) return [];
    const speakers = await this.repo.speakersByIds(manager, eventId, ids);
    const missing = ids.filter((id) => !speakers.some((s) => s.id === id));
    if (missing.length > 0) {
      throw sessionsError(
        SessionsError.UnknownSpeaker,
        `${missing.length === 1 ? 'Speaker' : 'Speakers'} ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not a speaker of this event; add them first.`,
      );
    }
    return ids.map((id) => speakers.find((s) => s.id === id)!);
  }

  private async checkRules(manager: EntityManager, event: Event, session: AgendaSession): Promise<void> {
    const zone = event.timezone;
    const fmt = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat('ccc d LLL HH:mm');
    const time = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat('HH:mm');
    if (session.startsAt.getTime() >= session.endsAt.getTime()) {
      throw sessionsError(SessionsError.InvalidTimes, 'startsAt must be before endsAt.');
    }
    if (!withinEvent(session, event)) {
      throw sessionsError(
        SessionsError.OutsideEvent,
        `The session must fall within the event's dates: ${fmt(event.startsAt)} to ${fmt(event.endsAt)} (${zone}).`,
      );
    }
    if (session.status === 'cancelled') return;
    const candidate = toSlot(session);
    const others = (await this.overlapping(manager, event.id, session)).map(toSlot);
    const room = findRoomClash(candidate, others);
    if (room) {
      throw sessionsError(
        SessionsError.RoomClash,
        `${room.room} is already taken by "${room.title}" from ${time(room.startsAt)} to ${time(room.endsAt)} on ${DateTime.fromJSDate(room.startsAt, { zone }).toFormat('ccc d LLL')}; choose another room or time.`,
      );
    }
    const speaker = findSpeakerClash(candidate, others);
    if (speaker) {
      const name = session.speakers.find((s) => s.id === speaker.speakerId)?.name ?? 'A speaker';
      throw sessionsError(
        SessionsError.SpeakerClash,
        `${name} cannot be in both "${session.title}" (${fmt(session.startsAt)}–${time(session.endsAt)}) and "${speaker.other.title}" (${fmt(speaker.other.startsAt)}–${time(speaker.other.endsAt)}): the times overlap.`,
      );
    }
  }

  /** Scheduled sessions of the event overlapping the candidate's time, with their speakers. */
  private async overlapping(manager: EntityManager, eventId: string, session: AgendaSession): Promise<AgendaSession[]> {
    const rows = await this.repo.overlapping(manager, eventId, session.startsAt, session.endsAt);
    return rows.filter((s) => s.id !== session.id && overlaps(s, session));
  }
}
