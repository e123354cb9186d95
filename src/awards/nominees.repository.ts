import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AwardNominee } from './award-nominee.entity.js';

/** An award's shortlist. */
@Injectable()
export class NomineesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  shortlist(awardId: string): Promise<AwardNominee[]> {
    return this.db
      .getRepository(AwardNominee)
      .find({ where: { awardId }, order: { position: 'ASC', createdAt: 'ASC' } });
  }

  /** The shortlists of several awards in one query, by award id (an award without nominees is absent). */
  async shortlists(awardIds: string[]): Promise<Map<string, AwardNominee[]>> {
    const byAward = new Map<string, AwardNominee[]>();
    if (awardIds.length === 0) return byAward;
    const nominees = await this.db
      .getRepository(AwardNominee)
      .find({ where: { awardId: In(awardIds) }, order: { position: 'ASC', createdAt: 'ASC' } });
    for (const nominee of nominees) {
      const shortlist = byAward.get(nominee.awardId) ?? [];
      if (shortlist.length === 0) byAward.set(nominee.awardId, shortlist);
      shortlist.push(nominee);
    }
    return byAward;
  }

  /** Adds the nominee at the end of the shortlist. */
  async append(fields: Omit<Partial<AwardNominee>, 'position'> & { awardId: string }): Promise<AwardNominee> {
    const repo = this.db.getRepository(AwardNominee);
    const last = await repo.maximum('position', { awardId: fields.awardId });
    return repo.save(repo.create({ ...fields, position: (last ?? 0) + 1 }));
  }

  /** False when the award has no such nominee. */
  async remove(awardId: string, nomineeId: string): Promise<boolean> {
    const result = await this.db.getRepository(AwardNominee).delete({ id: nomineeId, awardId });
    return (result.affected ?? 0) > 0;
  }
}
