import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not, type EntityManager } from 'typeorm';
import { Speaker } from './speaker.entity.js';
import { AgendaSession } from './agenda-session.entity.js';

/** The agenda's queries. Methods taking a manager run inside the caller's transaction. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A new session's row, not yet saved (its defaults filled in by the entity). */
  draft(manager: EntityManager, fields: Partial<AgendaSession>): AgendaSession {
    return manager.getRepository(AgendaSession).create(fields);
  }

  save(manager: EntityManager, session: AgendaSession): Promise<AgendaSession> {
    return manager.getRepository(AgendaSession).save(session);
  }

  async delete(manager: EntityManager, sessionId: string): Promise<void> {
    await manager.getRepository(AgendaSession).delete({ id: sessionId });
  }

  /** Keeps a deleted session as a cancelled tombstone, for calendars that imported it. */
  async markRemoved(manager: EntityManager, session: AgendaSession, at: Date): Promise<void> {
    await manager
      .getRepository(AgendaSession)
      .update({ id: session.id }, { status: 'cancelled', removedAt: at, sequence: session.sequence + 1 });
  }

  async raiseSequence(manager: EntityManager, sessionId: string): Promise<void> {
    await manager.increment(AgendaSession, { id: sessionId }, 'sequence', 1);
  }

  find(eventId: string, sessionId: string): Promise<AgendaSession | null> {
    return this.findWithSpeakers(this.db.manager, eventId, sessionId);
  }

  findWithSpeakers(manager: EntityManager, eventId: string, sessionId: string): Promise<AgendaSession | null> {
    return manager
      .getRepository(AgendaSession)
      .findOne({ where: { id: sessionId, eventId, removedAt: IsNull() }, relations: { speakers: true } });
  }

  /** Raises the SEQUENCE of every session of the event, removed ones too (they are in the feed). */
  async raiseSequences(manager: EntityManager, eventId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(AgendaSession)
      .set({ sequence: () => 'sequence + 1' })
      .where('event_id = :eventId', { eventId })
      .execute();
  }

  /** Every session still on the agenda (scheduled or cancelled), with speakers, in the caller's transaction. */
  allOfEvent(manager: EntityManager, eventId: string): Promise<AgendaSession[]> {
    return manager.getRepository(AgendaSession).find({
      where: { eventId, removedAt: IsNull() },
      relations: { speakers: true },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
  }

  /** Scheduled sessions that would fall outside these dates. */
  scheduledOutside(manager: EntityManager, eventId: string, startsAt: Date, endsAt: Date): Promise<AgendaSession[]> {
    return manager
      .getRepository(AgendaSession)
      .createQueryBuilder('s')
      .where('s.event_id = :eventId', { eventId })
      .andWhere(`s.status = 'scheduled'`)
      .andWhere('(s.starts_at < :startsAt OR s.ends_at > :endsAt)', { startsAt, endsAt })
      .orderBy('s.starts_at')
      .getMany();
  }

  /** Scheduled sessions of the event overlapping [startsAt, endsAt), with their speakers. */
  overlapping(manager: EntityManager, eventId: string, startsAt: Date, endsAt: Date): Promise<AgendaSession[]> {
    return manager
      .getRepository(AgendaSession)
      .createQueryBuilder('s')
      .leftJoinAndSelect('s.speakers', 'sp')
      .where('s.event_id = :eventId', { eventId })
      .andWhere(`s.status = 'scheduled'`)
      .andWhere('s.starts_at < :endsAt AND s.ends_at > :startsAt', { startsAt, endsAt })
      .orderBy('s.starts_at')
      .getMany();
  }

  /** The whole agenda in display order, speakers joined in the same query (no N+1). */
  agenda(eventId: string): Promise<AgendaSession[]> {
    return this.db
      .getRepository(AgendaSession)
      .createQueryBuilder('s')
      .leftJoinAndSelect('s.speakers', 'sp')
      .where('s.event_id = :eventId', { eventId })
      .andWhere('s.removed_at IS NULL')
      .orderBy('s.starts_at', 'ASC')
      .addOrderBy('s.room', 'ASC', 'NULLS FIRST')
      .addOrderBy('s.title', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .getMany();
  }

  /** Sessions deleted after publishing: only the calendar feed still shows them (cancelled). */
  removedFromAgenda(eventId: string): Promise<AgendaSession[]> {
    return this.db
      .getRepository(AgendaSession)
      .find({ where: { eventId, removedAt: Not(IsNull()) }, relations: { speakers: true } });
  }

  /** Sessions a speaker is in, each with all its speakers. */
  withSpeaker(manager: EntityManager, eventId: string, speakerId: string): Promise<AgendaSession[]> {
    return manager
      .getRepository(AgendaSession)
      .createQueryBuilder('s')
      .innerJoin('s.speakers', 'me', 'me.id = :speakerId', { speakerId })
      .leftJoinAndSelect('s.speakers', 'sp')
      .where('s.event_id = :eventId', { eventId })
      .andWhere('s.removed_at IS NULL')
      .getMany();
  }

  byIdsWithSpeakers(eventId: string, ids: string[]): Promise<AgendaSession[]> {
    return this.db
      .getRepository(AgendaSession)
      .find({ where: { id: In(ids), eventId }, relations: { speakers: true } });
  }

  speakersOfEvent(eventId: string): Promise<Speaker[]> {
    return this.db.getRepository(Speaker).find({ where: { eventId } });
  }

  speakersByIds(manager: EntityManager, eventId: string, ids: string[]): Promise<Speaker[]> {
    return manager.getRepository(Speaker).find({ where: { id: In(ids), eventId } });
  }
}
