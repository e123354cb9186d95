import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { notFound } from '../platform/errors/common.errors.js';
import { AgendaCache } from './agenda-cache.js';
import { rejectNulls } from '../events/dto/reject-nulls.js';
import { EventsRepository } from '../events/events.repository.js';
import { AgendaChangesService } from './agenda-changes.service.js';
import { AgendaSession } from './agenda-session.entity.js';
import { SessionsRepository } from './sessions.repository.js';
import { diffSession, type SessionSnapshot } from './changes.js';
import type { CreateSpeakerDto, UpdateSpeakerDto } from './dto/create-speaker.dto.js';
import { Speaker } from './speaker.entity.js';

@Injectable()
export class SpeakersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventsRepository,
    private readonly sessions: SessionsRepository,
    private readonly changes: AgendaChangesService,
    private readonly cache: AgendaCache,
  ) {}

  async create(eventId: string, input: CreateSpeakerDto): Promise<Speaker> {
    const speaker = await this.db.transaction(async (manager) => {
      await this.events.lock(manager, eventId);
      const repo = manager.getRepository(Speaker);
      const saved = await repo.save(
        repo.create({
          eventId,
          name: input.name,
          bio: input.bio ?? null,
          organisation: input.organisation ?? null,
          jobTitle: input.jobTitle ?? null,
          email: input.email ?? null,
          photoUrl: input.photoUrl ?? null,
        }),
      );
      await this.events.bumpAgendaVersion(manager, eventId);
      return saved;
    });
    await this.cache.invalidate(eventId);
    return speaker;
  }

  list(eventId: string): Promise<Speaker[]> {
    return this.db.getRepository(Speaker).find({ where: { eventId }, order: { name: 'ASC', id: 'ASC' } });
  }

  async get(eventId: string, speakerId: string): Promise<Speaker> {
    const speaker = await this.db.getRepository(Speaker).findOne({ where: { id: speakerId, eventId } });
    if (!speaker) throw notFound('The speaker');
    return speaker;
  }

  async update(eventId: string, speakerId: string, input: UpdateSpeakerDto): Promise<Speaker> {
    rejectNulls(input, ['name']);
    const speaker = await this.db.transaction(async (manager) => {
      await this.events.lock(manager, eventId);
      const repo = manager.getRepository(Speaker);
      const speaker = await repo.findOne({ where: { id: speakerId, eventId } });
      if (!speaker) throw notFound('The speaker');
      if (input.name !== undefined) speaker.name = input.name;
      if (input.bio !== undefined) speaker.bio = input.bio;
      if (input.organisation !== undefined) speaker.organisation = input.organisation;
      if (input.jobTitle !== undefined) speaker.jobTitle = input.jobTitle;
      if (input.email !== undefined) speaker.email = input.email;
      if (input.photoUrl !== undefined) speaker.photoUrl = input.photoUrl;
      const saved = await repo.save(speaker);
      await this.events.bumpAgendaVersion(manager, eventId);
      return saved;
    });
    await this.cache.invalidate(eventId);
    return speaker;
  }

  /** Removes the speaker from the event; on a published agenda each of their sessions records the change. */
  async remove(eventId: string, speakerId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const event = await this.events.lock(manager, eventId);
      const speaker = await manager.getRepository(Speaker).findOne({ where: { id: speakerId, eventId } });
      if (!speaker) throw notFound('The speaker');
      if (event.status === 'published') {
        const sessions = await this.sessions.withSpeaker(manager, eventId, speakerId);
        for (const session of sessions) {
          const before = snapshotSpeakers(session);
          const after = { ...before, speakers: before.speakers.filter((s) => s.id !== speakerId) };
          const diff = diffSession(before, after);
          if (!diff) continue;
          await manager.increment(AgendaSession, { id: session.id }, 'sequence', 1);
          await this.changes.record(manager, event, session, diff, [speakerId, ...after.speakers.map((s) => s.id)]);
        }
      }
      await manager.getRepository(Speaker).delete({ id: speakerId });
      await this.events.bumpAgendaVersion(manager, eventId);
    });
    await this.cache.invalidate(eventId);
  }
}

function snapshotSpeakers(s: AgendaSession): SessionSnapshot {
  return {
    title: s.title,
    kind: s.kind,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    room: s.room,
    track: s.track,
    status: s.status,
    abstract: s.abstract,
    capacity: s.capacity,
    speakers: s.speakers.map((p) => ({ id: p.id, name: p.name })),
  };
}
