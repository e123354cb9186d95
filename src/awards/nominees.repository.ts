import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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
