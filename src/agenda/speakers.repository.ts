import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Speaker } from './speaker.entity.js';

/** The speakers' statements. Methods taking a manager run inside the caller's transaction. */
@Injectable()
export class SpeakersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(eventId: string): Promise<Speaker[]> {
    return this.db.getRepository(Speaker).find({ where: { eventId }, order: { name: 'ASC', id: 'ASC' } });
  }

  find(eventId: string, speakerId: string, manager: EntityManager = this.db.manager): Promise<Speaker | null> {
    return manager.getRepository(Speaker).findOne({ where: { id: speakerId, eventId } });
  }

  insert(manager: EntityManager, fields: Partial<Speaker>): Promise<Speaker> {
    const repo = manager.getRepository(Speaker);
    return repo.save(repo.create(fields));
  }

  save(manager: EntityManager, speaker: Speaker): Promise<Speaker> {
    return manager.getRepository(Speaker).save(speaker);
  }

  async delete(manager: EntityManager, speakerId: string): Promise<void> {
    await manager.getRepository(Speaker).delete({ id: speakerId });
  }

  /** Speakers with an address who speak in a session still on the agenda, in the caller's transaction. */
  withAddress(manager: EntityManager, eventId: string): Promise<Array<{ id: string; email: string }>> {
    return manager.query<Array<{ id: string; email: string }>>(
      `SELECT sp.id, sp.email FROM speakers sp
        WHERE sp.event_id = $1 AND sp.email IS NOT NULL
          AND EXISTS (SELECT 1 FROM session_speakers ss JOIN sessions s ON s.id = ss.session_id
                       WHERE ss.speaker_id = sp.id AND s.removed_at IS NULL)`,
      [eventId],
    );
  }

  findById(speakerId: string): Promise<Speaker | null> {
    return this.db.getRepository(Speaker).findOne({ where: { id: speakerId } });
  }
}
