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
}
