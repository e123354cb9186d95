import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { AuthUser } from '../identity/auth-user.js';
import { Clock } from '../platform/clock/clock.js';
import { notFound } from '../platform/errors/common.errors.js';
import { AwardAccessService } from './award-access.service.js';
import { AwardNomination } from './award-nomination.entity.js';
import { AwardNominee } from './award-nominee.entity.js';
import { Award } from './award.entity.js';
import { awardsError, AwardsError } from './awards.errors.js';
import type { CreateAwardDto, UpdateAwardDto } from './dto/award.dto.js';
import { type AwardResponse, toAwardResponse } from './dto/award.response.js';
import type { CreateNomineeDto } from './dto/nomination.dto.js';

/** Fields that decide how votes are cast and counted: fixed once voting has opened. */
const FIXED_ONCE_VOTING = [
  'method',
  'tiePolicy',
  'onlyCheckedIn',
  'excludeOwnOrganisation',
  'votingOpensAt',
  'nominationsOpenAt',
  'nominationsCloseAt',
] as const;

/** Award categories and their shortlists. */
@Injectable()
export class AwardsService {
  constructor(
    @InjectRepository(Award) private readonly awards: Repository<Award>,
    @InjectRepository(AwardNominee) private readonly nominees: Repository<AwardNominee>,
    @InjectRepository(AwardNomination) private readonly nominations: Repository<AwardNomination>,
    private readonly access: AwardAccessService,
    private readonly clock: Clock,
  ) {}

  async create(eventId: string, input: CreateAwardDto): Promise<AwardResponse> {
    await this.access.event(eventId);
    const award = this.awards.create({
      eventId,
      title: input.title,
      description: input.description ?? '',
      nominationsOpenAt: input.nominationsOpenAt ?? null,
      nominationsCloseAt: input.nominationsCloseAt ?? null,
      votingOpensAt: input.votingOpensAt,
      votingClosesAt: input.votingClosesAt,
      method: input.method ?? 'plurality',
      tiePolicy: input.tiePolicy ?? 'shared',
      onlyCheckedIn: input.onlyCheckedIn ?? false,
      excludeOwnOrganisation: input.excludeOwnOrganisation ?? false,
    });
    assertWindows(award);
    const saved = await this.awards.save(award);
    return toAwardResponse(saved, [], this.clock.now());
  }

  async update(user: AuthUser, awardId: string, input: UpdateAwardDto): Promise<AwardResponse> {
    const award = await this.access.awardForOrganiser(user, awardId);
    const now = this.clock.now();
    const changed = (Object.keys(input) as Array<keyof UpdateAwardDto>).filter((key) => input[key] !== undefined);
    if (award.resultsPublishedAt) {
      const blocked = changed.filter((key) => key !== 'title' && key !== 'description');
      if (blocked.length > 0) {
        throw awardsError(
          AwardsError.RulesFixed,
          `The results are published; only the title and description can change now (not ${blocked.join(', ')}).`,
        );
      }
    }
    if (now >= award.votingOpensAt) {
      const blocked = changed.filter(
        (key) => (FIXED_ONCE_VOTING as readonly string[]).includes(key) && !sameValue(input[key], award[key]),
      );
      if (blocked.length > 0) {
        throw awardsError(
          AwardsError.RulesFixed,
          `Voting has opened, so ${blocked.join(', ')} can no longer change; only the title, description and closing time can.`,
        );
      }
    }
    Object.assign(award, Object.fromEntries(changed.map((key) => [key, input[key]])));
    assertWindows(award);
    const saved = await this.awards.save(award);
    return toAwardResponse(saved, await this.shortlist(award.id), now);
  }

  async listForEvent(user: AuthUser | undefined, eventId: string): Promise<AwardResponse[]> {
    await this.access.requireVisible(user, eventId);
    const awards = await this.awards.find({ where: { eventId }, order: { createdAt: 'ASC' } });
    const now = this.clock.now();
    return Promise.all(awards.map(async (award) => toAwardResponse(award, await this.shortlist(award.id), now)));
  }

  /** The public award page: nominees with citations; results only once published. */
  async view(user: AuthUser | undefined, awardId: string): Promise<AwardResponse> {
    const award = await this.access.award(awardId);
    await this.access.requireVisible(user, award.eventId);
    return toAwardResponse(award, await this.shortlist(award.id), this.clock.now());
  }

  shortlist(awardId: string): Promise<AwardNominee[]> {
    return this.nominees.find({ where: { awardId }, order: { position: 'ASC', createdAt: 'ASC' } });
  }

  async addNominee(user: AuthUser, awardId: string, input: CreateNomineeDto): Promise<AwardNominee> {
    const award = await this.access.awardForOrganiser(user, awardId);
    this.assertShortlistOpen(award);
    let nomination: AwardNomination | null = null;
    if (input.fromNominationId) {
      nomination = await this.nominations.findOne({ where: { id: input.fromNominationId, awardId } });
      if (!nomination) throw notFound('The nomination');
    }
    const name = input.name ?? nomination?.nomineeName;
    if (!name) throw awardsError(AwardsError.InvalidChoice, 'Give the nominee a name.');
    const last = await this.nominees.maximum('position', { awardId });
    return this.nominees.save(
      this.nominees.create({
        awardId,
        name,
        organisation: input.organisation ?? nomination?.nomineeOrganisation ?? null,
        citation: input.citation ?? null,
        fromNominationId: nomination?.id ?? null,
        position: (last ?? 0) + 1,
      }),
    );
  }

  async removeNominee(user: AuthUser, awardId: string, nomineeId: string): Promise<void> {
    const award = await this.access.awardForOrganiser(user, awardId);
    this.assertShortlistOpen(award);
    const result = await this.nominees.delete({ id: nomineeId, awardId });
    if (!result.affected) throw notFound('The nominee');
  }

  private assertShortlistOpen(award: Award): void {
    if (this.clock.now() >= award.votingOpensAt) {
      throw awardsError(AwardsError.ShortlistFixed, 'Voting has opened, so the shortlist can no longer change.');
    }
  }
}

const sameValue = (a: unknown, b: unknown): boolean =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;

/** Voting opens before it closes; nominations (both times or neither) open before they close and close before voting opens. */
export function assertWindows(award: Award): void {
  if (award.votingOpensAt >= award.votingClosesAt) {
    throw awardsError(
      AwardsError.InvalidWindow,
      'Voting must open before it closes: votingOpensAt must be earlier than votingClosesAt.',
    );
  }
  const { nominationsOpenAt: open, nominationsCloseAt: close } = award;
  if ((open === null) !== (close === null)) {
    throw awardsError(AwardsError.InvalidWindow, 'Give both nominationsOpenAt and nominationsCloseAt, or neither.');
  }
  if (open && close) {
    if (open >= close) {
      throw awardsError(AwardsError.InvalidWindow, 'Nominations must open before they close.');
    }
    if (close > award.votingOpensAt) {
      throw awardsError(AwardsError.InvalidWindow, 'Voting must open after nominations close.');
    }
  }
}
