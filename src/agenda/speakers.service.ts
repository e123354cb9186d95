import { Injectable } from '@nestjs/common';
import { notFound } from '../platform/errors/common.errors.js';
import { rejectNulls } from '../events/dto/reject-nulls.js';
import { AgendaChangesService } from './agenda-changes.service.js';
import { AgendaWrites } from './agenda-writes.js';
import { diffSession, snapshotOf } from './changes.js';
import type { CreateSpeakerDto, UpdateSpeakerDto } from './dto/create-speaker.dto.js';
import type { Speaker } from './speaker.entity.js';
import { SessionsRepository } from './sessions.repository.js';
import { SpeakersRepository } from './speakers.repository.js';

@Injectable()
export class SpeakersService {
  constructor(
    private readonly writes: AgendaWrites,
    private readonly repo: SpeakersRepository,
    private readonly sessions: SessionsRepository,
    private readonly changes: AgendaChangesService,
  ) {}

  create(eventId: string, input: CreateSpeakerDto): Promise<Speaker> {
    return this.writes.change(eventId, ({ manager }) =>
      this.repo.insert(manager, {
        eventId,
        name: input.name,
        bio: input.bio ?? null,
        organisation: input.organisation ?? null,
        jobTitle: input.jobTitle ?? null,
        email: input.email ?? null,
        photoUrl: input.photoUrl ?? null,
      }),
    );
  }

  list(eventId: string): Promise<Speaker[]> {
    return this.repo.list(eventId);
  }

  async get(eventId: string, speakerId: string): Promise<Speaker> {
    const speaker = await this.repo.find(eventId, speakerId);
    if (!speaker) throw notFound('The speaker');
    return speaker;
  }

  async update(eventId: string, speakerId: string, input: UpdateSpeakerDto): Promise<Speaker> {
    rejectNulls(input, ['name']);
    return this.writes.change(eventId, async ({ manager }) => {
      const speaker = await this.repo.find(eventId, speakerId, manager);
      if (!speaker) throw notFound('The speaker');
      if (input.name !== undefined) speaker.name = input.name;
      if (input.bio !== undefined) speaker.bio = input.bio;
      if (input.organisation !== undefined) speaker.organisation = input.organisation;
      if (input.jobTitle !== undefined) speaker.jobTitle = input.jobTitle;
      if (input.email !== undefined) speaker.email = input.email;
      if (input.photoUrl !== undefined) speaker.photoUrl = input.photoUrl;
      return this.repo.save(manager, speaker);
    });
  }

  /** Removes the speaker from the event; on a published agenda each of their sessions records the change. */
  async remove(eventId: string, speakerId: string): Promise<void> {
    await this.writes.change(eventId, async ({ manager, event }) => {
      const speaker = await this.repo.find(eventId, speakerId, manager);
      if (!speaker) throw notFound('The speaker');
      if (event.status === 'published') {
        const sessions = await this.sessions.withSpeaker(manager, eventId, speakerId);
        for (const session of sessions) {
          const before = snapshotOf(session);
          const after = { ...before, speakers: before.speakers.filter((s) => s.id !== speakerId) };
          const diff = diffSession(before, after);
          if (!diff) continue;
          await this.sessions.raiseSequence(manager, session.id);
          await this.changes.record(manager, event, session, diff, [speakerId, ...after.speakers.map((s) => s.id)]);
        }
      }
      await this.repo.delete(manager, speakerId);
    });
  }
}
