import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import type { AuthUser } from '../identity/auth-user.js';
import { Clock } from '../platform/clock/clock.js';
import { notFound } from '../platform/errors/common.errors.js';
import { type Page, type PageWindow } from '../platform/http/pagination.js';
import { Registration } from '../registrations/registration.entity.js';
import { AwardAccessService } from './award-access.service.js';
import { AwardNomination } from './award-nomination.entity.js';
import { awardsError, AwardsError } from './awards.errors.js';
import { type NominationResponse, toNominationResponse } from './dto/award.response.js';
import type { CreateNominationDto } from './dto/nomination.dto.js';

/** Delegates' nominations; organisers read and de-duplicate them before shortlisting. */
@Injectable()
export class NominationsService {
  constructor(
    @InjectRepository(AwardNomination) private readonly nominations: Repository<AwardNomination>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AwardAccessService,
    private readonly clock: Clock,
  ) {}

  async nominate(delegate: Registration, awardId: string, input: CreateNominationDto): Promise<NominationResponse> {
    const award = await this.access.award(awardId);
    if (delegate.eventId !== award.eventId) {
      throw awardsError(
        AwardsError.NotEligible,
        'Your registration is for another event, so you cannot nominate for this award.',
      );
    }
    if (delegate.status !== 'confirmed') {
      throw awardsError(
        AwardsError.NotEligible,
        `Only confirmed delegates may nominate; your registration is ${delegate.status}.`,
      );
    }
    const now = this.clock.now();
    const { nominationsOpenAt: open, nominationsCloseAt: close } = award;
    if (!open || !close) {
      throw awardsError(AwardsError.NominationsClosed, 'This award does not take nominations from delegates.');
    }
    if (now < open) {
      throw awardsError(AwardsError.NominationsClosed, `Nominations open at ${open.toISOString()}.`);
    }
    if (now >= close) {
      throw awardsError(AwardsError.NominationsClosed, `Nominations closed at ${close.toISOString()}.`);
    }
    const saved = await this.nominations.save(
      this.nominations.create({
        awardId,
        nominatedById: delegate.id,
        nomineeName: input.nomineeName,
        nomineeOrganisation: input.nomineeOrganisation ?? null,
        statement: input.statement,
      }),
    );
    return toNominationResponse(saved, delegate.name);
  }

  async list(user: AuthUser, awardId: string, window: PageWindow): Promise<Page<NominationResponse>> {
    await this.access.awardForOrganiser(user, awardId);
    const [items, total] = await this.nominations.findAndCount({
      where: { awardId },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: window.limit,
      skip: window.offset,
    });
    const ids = [...new Set(items.map((n) => n.nominatedById).filter((id): id is string => id !== null))];
    const names = new Map(
      ids.length === 0
        ? []
        : (
            await this.db
              .getRepository(Registration)
              .createQueryBuilder('r')
              .select(['r.id', 'r.name', 'r.erasedAt'])
              .where('r.id IN (:...ids)', { ids })
              .getMany()
          ).map((r) => [r.id, r.erasedAt ? null : r.name]),
    );
    return { items: items.map((n) => toNominationResponse(n, names.get(n.nominatedById ?? '') ?? null)), total };
  }

  /** Folds a duplicate into another nomination; anything already folded into the duplicate follows it. */
  async merge(user: AuthUser, awardId: string, nominationId: string, intoId: string): Promise<NominationResponse> {
    await this.access.awardForOrganiser(user, awardId);
    if (nominationId === intoId) {
      throw awardsError(AwardsError.InvalidMerge, 'A nomination cannot be merged into itself.');
    }
    return this.db.transaction(async (tx) => {
      const repo = tx.getRepository(AwardNomination);
      const found = await repo.find({
        where: [
          { id: nominationId, awardId },
          { id: intoId, awardId },
        ],
        lock: { mode: 'pessimistic_write' },
      });
      const source = found.find((n) => n.id === nominationId);
      const target = found.find((n) => n.id === intoId);
      if (!source || !target) throw notFound('The nomination');
      if (target.mergedIntoId) {
        throw awardsError(
          AwardsError.InvalidMerge,
          'That nomination was itself merged into another; merge into that one instead.',
        );
      }
      await repo.update({ awardId, mergedIntoId: source.id }, { mergedIntoId: target.id });
      source.mergedIntoId = target.id;
      await repo.save(source);
      return toNominationResponse(source, null);
    });
  }
}
