import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Page, PageWindow } from '../platform/http/pagination.js';
import { AwardNomination } from './award-nomination.entity.js';

/** Delegates' and link officers' nominations and their merging. */
@Injectable()
export class NominationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  insert(fields: Partial<AwardNomination>): Promise<AwardNomination> {
    const repo = this.db.getRepository(AwardNomination);
    return repo.save(repo.create(fields));
  }

  find(awardId: string, nominationId: string): Promise<AwardNomination | null> {
    return this.db.getRepository(AwardNomination).findOne({ where: { id: nominationId, awardId } });
  }

  async page(awardId: string, window: PageWindow): Promise<Page<AwardNomination>> {
    const [items, total] = await this.db.getRepository(AwardNomination).findAndCount({
      where: { awardId },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: window.limit,
      skip: window.offset,
    });
    return { items, total };
  }

  /**
   * The names of the delegates who nominated, by registration id; an erased delegate's is null.
   * Registrations sit below awards on the floor plan, so they are read here by SQL.
   */
  async nominatorNames(registrationIds: string[]): Promise<Map<string, string | null>> {
    if (registrationIds.length === 0) return new Map();
    const rows = await this.db.query<Array<{ id: string; name: string; erased: boolean }>>(
      'SELECT id, name, erased_at IS NOT NULL AS erased FROM registrations WHERE id = ANY($1::uuid[])',
      [registrationIds],
    );
    return new Map(rows.map((r) => [r.id, r.erased ? null : r.name]));
  }

  /** The names of the agencies whose link officers nominated, by agency id. */
  async agencyNames(agencyIds: string[]): Promise<Map<string, string>> {
    if (agencyIds.length === 0) return new Map();
    const rows = await this.db.query<Array<{ id: string; name: string }>>(
      'SELECT id, name FROM agencies WHERE id = ANY($1::uuid[])',
      [agencyIds],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** The event's awards taking nominations at `now`, by closing time. */
  openForNominations(eventId: string, now: Date): Promise<Array<{ id: string; title: string; closesAt: Date }>> {
    return this.db.query(
      `SELECT id, title, nominations_close_at AS "closesAt" FROM awards
        WHERE event_id = $1 AND nominations_open_at <= $2 AND nominations_close_at > $2
        ORDER BY nominations_close_at, title`,
      [eventId, now],
    );
  }

  /** The agency's confirmed, not erased delegates of the event: whom its link officer may nominate. */
  agencyColleagues(eventId: string, agencyId: string): Promise<Array<{ id: string; name: string }>> {
    return this.db.query(
      `SELECT id, name FROM registrations
        WHERE event_id = $1 AND agency_id = $2 AND status = 'confirmed' AND erased_at IS NULL
        ORDER BY name, id`,
      [eventId, agencyId],
    );
  }

  /** Both nominations of a merge, locked for the rest of the transaction. */
  lockPair(manager: EntityManager, awardId: string, ids: [string, string]): Promise<AwardNomination[]> {
    return manager.getRepository(AwardNomination).find({
      where: ids.map((id) => ({ id, awardId })),
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Folds `source` into `target`, and whatever was folded into `source` along with it. */
  async merge(manager: EntityManager, awardId: string, source: AwardNomination, targetId: string): Promise<void> {
    const repo = manager.getRepository(AwardNomination);
    await repo.update({ awardId, mergedIntoId: source.id }, { mergedIntoId: targetId });
    source.mergedIntoId = targetId;
    await repo.save(source);
  }
}
