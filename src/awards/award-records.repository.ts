import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import type { AwardResults } from './dto/award-results.response.js';
import { AwardTieDecision } from './award-tie-decision.entity.js';
import { Award } from './award.entity.js';

/** The award rows themselves and their casting decisions (the ballots have AwardsRepository). */
@Injectable()
export class AwardRecordsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A new award's row, not yet saved (its defaults filled in by the entity). */
  draft(fields: Partial<Award>): Award {
    return this.db.getRepository(Award).create(fields);
  }

  insert(manager: EntityManager, award: Award): Promise<Award> {
    return manager.save(award);
  }

  find(awardId: string, manager: EntityManager = this.db.manager): Promise<Award | null> {
    return manager.findOneBy(Award, { id: awardId });
  }

  async update(manager: EntityManager, awardId: string, changes: Partial<Award>): Promise<void> {
    await manager.update(Award, { id: awardId }, changes);
  }

  ofEvent(eventId: string): Promise<Award[]> {
    return this.db.getRepository(Award).find({ where: { eventId }, order: { createdAt: 'ASC' } });
  }

  /** Publishes the results unless someone already did; false then. */
  async publishResults(awardId: string, at: Date, results: AwardResults): Promise<boolean> {
    const updated = await this.db
      .getRepository(Award)
      .update({ id: awardId, resultsPublishedAt: IsNull() }, { resultsPublishedAt: at, publishedResults: results });
    return (updated.affected ?? 0) > 0;
  }

  tieDecisions(awardId: string): Promise<AwardTieDecision[]> {
    return this.db.getRepository(AwardTieDecision).find({ where: { awardId } });
  }

  async recordTieDecision(decision: Partial<AwardTieDecision>): Promise<void> {
    await this.db.getRepository(AwardTieDecision).insert(decision);
  }
}
