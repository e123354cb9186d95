import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Page, PageWindow } from '../platform/http/pagination.js';
import { AgendaChange } from './agenda-change.entity.js';

/** The change list's queries and the debounce of its emails. */
@Injectable()
export class AgendaChangesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  insert(manager: EntityManager, values: Omit<AgendaChange, 'id'>): Promise<AgendaChange> {
    const repo = manager.getRepository(AgendaChange);
    return repo.save(repo.create(values));
  }

  async page(eventId: string, window: PageWindow): Promise<Page<AgendaChange>> {
    const [items, total] = await this.db.getRepository(AgendaChange).findAndCount({
      where: { eventId },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: window.limit,
      skip: window.offset,
    });
    return { items, total };
  }

  /** The changes naming this speaker or delegate, made in [since, until]. */
  forRecipient(
    eventId: string,
    recipient: { type: 'speaker' | 'delegate'; id: string },
    since: Date,
    until: Date,
  ): Promise<AgendaChange[]> {
    const column = recipient.type === 'speaker' ? 'speaker_ids' : 'registration_ids';
    return this.db
      .getRepository(AgendaChange)
      .createQueryBuilder('c')
      .where('c.event_id = :eventId', { eventId })
      .andWhere(`:recipientId = ANY(c.${column})`, { recipientId: recipient.id })
      .andWhere('c.created_at >= :since AND c.created_at <= :until', { since, until })
      .orderBy('c.created_at', 'ASC')
      .getMany();
  }

  speakersWithEmail(manager: EntityManager, speakerIds: string[]): Promise<Array<{ id: string; email: string }>> {
    if (speakerIds.length === 0) return Promise.resolve([]);
    return manager.query<Array<{ id: string; email: string }>>(
      `SELECT id, email FROM speakers WHERE id = ANY($1::uuid[]) AND email IS NOT NULL`,
      [speakerIds],
    );
  }
}
