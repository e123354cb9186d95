import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../identity/auth-user.js';
import { Clock } from '../platform/clock/clock.js';
import { notFound } from '../platform/errors/common.errors.js';
import { AwardAccessService } from './award-access.service.js';
import type { AwardNominee } from './award-nominee.entity.js';
import type { Award } from './award.entity.js';
import { AwardRecordsRepository } from './award-records.repository.js';
import { NominationsRepository } from './nominations.repository.js';
import { NomineesRepository } from './nominees.repository.js';
import { awardsError, AwardsError } from './awards.errors.js';
import { AwardsRepository } from './awards.repository.js';
import type { CreateAwardDto, UpdateAwardDto } from './dto/award.dto.js';
import { type AwardResponse, toAwardResponse } from './dto/award.response.js';
import type { CreateNomineeDto } from './dto/nomination.dto.js';

/** Fields that decide how votes are cast and counted: fixed once voting has opened. */
const FIXED_ONCE_VOTING = [
  'method',
  'tiePolicy',
  'onlyCheckedIn',
  'excludeOwnOrganisation',
  'oneVotePerAgency',
  'votingOpensAt',
  'nominationsOpenAt',
  'nominationsCloseAt',
] as const;

/** Award categories and their shortlists. */
@Injectable()
export class AwardsService {
  constructor(
    private readonly awards: AwardRecordsRepository,
    private readonly nominees: NomineesRepository,
    private readonly nominations: NominationsRepository,
    private readonly repository: AwardsRepository,
    private readonly access: AwardAccessService,
    private readonly clock: Clock,
  ) {}

  async create(eventId: string, input: CreateAwardDto, createdBy: AuthUser): Promise<AwardResponse> {
    await this.access.event(eventId);
    const award = this.awards.draft({
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
      oneVotePerAgency: input.oneVotePerAgency ?? false,
    });
    assertWindows(award);
    const saved = await this.repository.transaction(async (manager) => {
      const inserted = await this.awards.insert(manager, award);
      await this.repository.recordWindowChange(manager, {
        awardId: inserted.id,
        kind: 'created',
        votingOpensAt: inserted.votingOpensAt,
        votingClosesAt: inserted.votingClosesAt,
        changedById: createdBy.id,
      });
      return inserted;
    });
    return toAwardResponse(saved, [], this.clock.now());
  }

  /**
   * Changes an award. The window is read locked, so a change and the close (which marks the
   * award released under the same row lock) take turns: once voting has opened the close only
   * moves later, and only while voting is open; every move is kept in the window trail.
   */
  async update(user: AuthUser, awardId: string, input: UpdateAwardDto): Promise<AwardResponse> {
    await this.access.awardForOrganiser(user, awardId);
    const now = this.clock.now();
    await this.repository.transaction(async (manager) => {
      const window = await this.repository.lockWindow(manager, awardId);
      const award = await this.awards.find(awardId, manager);
      if (!window || !award) throw notFound('The award');
      Object.assign(award, window);
      const changed = (Object.keys(input) as Array<keyof UpdateAwardDto>).filter(
        (key) => input[key] !== undefined && !sameValue(input[key], award[key]),
      );
      assertMayChange(award, changed, now, input.votingClosesAt);
      if (changed.length === 0) return;
      const changes = Object.fromEntries(changed.map((key) => [key, input[key]])) as Partial<Award>;
      assertWindows({ ...award, ...changes });
      await this.awards.update(manager, awardId, changes);
      if (changes.votingOpensAt || changes.votingClosesAt) {
        await this.repository.recordWindowChange(manager, {
          awardId,
          kind: 'moved',
          votingOpensAt: changes.votingOpensAt ?? window.votingOpensAt,
          votingClosesAt: changes.votingClosesAt ?? window.votingClosesAt,
          previousOpensAt: window.votingOpensAt,
          previousClosesAt: window.votingClosesAt,
          changedById: user.id,
        });
      }
    });
    const saved = await this.access.award(awardId);
    return toAwardResponse(saved, await this.shortlist(awardId), now);
  }

  async listForEvent(user: AuthUser | undefined, eventId: string): Promise<AwardResponse[]> {
    await this.access.requireVisible(user, eventId);
    const awards = await this.awards.ofEvent(eventId);
    const now = this.clock.now();
    const shortlists = await this.nominees.shortlists(awards.map((award) => award.id));
    return awards.map((award) => toAwardResponse(award, shortlists.get(award.id) ?? [], now));
  }

  /** The public award page: nominees with citations; results only once published. */
  async view(user: AuthUser | undefined, awardId: string): Promise<AwardResponse> {
    const award = await this.access.award(awardId);
    await this.access.requireVisible(user, award.eventId);
    return toAwardResponse(award, await this.shortlist(award.id), this.clock.now());
  }

  shortlist(awardId: string): Promise<AwardNominee[]> {
    return this.nominees.shortlist(awardId);
  }

  async addNominee(user: AuthUser, awardId: string, input: CreateNomineeDto): Promise<AwardNominee> {
    const award = await this.access.awardForOrganiser(user, awardId);
    this.assertShortlistOpen(award);
    let nomination: Awaited<ReturnType<NominationsRepository['find']>> = null;
    if (input.fromNominationId) {
      nomination = await this.nominations.find(awardId, input.fromNominationId);
      if (!nomination) throw notFound('The nomination');
    }
    const name = input.name ?? nomination?.nomineeName;
    if (!name) throw awardsError(AwardsError.InvalidChoice, 'Give the nominee a name.');
    return this.nominees.append({
      awardId,
      name,
      organisation: input.organisation ?? nomination?.nomineeOrganisation ?? null,
      citation: input.citation ?? null,
      fromNominationId: nomination?.id ?? null,
    });
  }

  async removeNominee(user: AuthUser, awardId: string, nomineeId: string): Promise<void> {
    const award = await this.access.awardForOrganiser(user, awardId);
    this.assertShortlistOpen(award);
    if (!(await this.nominees.remove(awardId, nomineeId))) throw notFound('The nominee');
  }

  private assertShortlistOpen(award: Award): void {
    if (this.clock.now() >= award.votingOpensAt) {
      throw awardsError(AwardsError.ShortlistFixed, 'Voting has opened, so the shortlist can no longer change.');
    }
  }
}

/**
 * What may change now (`changed`: the fields that differ). Published results fix all but the
 * title and description; once voting has opened its rules are fixed, and its close may only
 * move later while voting is open, so no count can be peeked at by closing early and
 * reopening; a closed vote never reopens.
 */
function assertMayChange(award: Award, changed: Array<keyof UpdateAwardDto>, now: Date, closesAt?: Date): void {
  if (award.resultsPublishedAt) {
    const blocked = changed.filter((key) => key !== 'title' && key !== 'description');
    if (blocked.length > 0) {
      throw awardsError(
        AwardsError.RulesFixed,
        `The results are published; only the title and description can change now (not ${blocked.join(', ')}).`,
      );
    }
  }
  if (now < award.votingOpensAt) return;
  const blocked = changed.filter((key) => (FIXED_ONCE_VOTING as readonly string[]).includes(key));
  if (blocked.length > 0) {
    throw awardsError(
      AwardsError.RulesFixed,
      `Voting has opened, so ${blocked.join(', ')} can no longer change; only the title, description and closing time can.`,
    );
  }
  if (!closesAt || !changed.includes('votingClosesAt')) return;
  if (award.ballotsReleasedAt || now >= award.votingClosesAt) {
    throw awardsError(
      AwardsError.VotingSealed,
      `Voting closed at ${award.votingClosesAt.toISOString()}; a closed vote never reopens.`,
    );
  }
  if (closesAt < award.votingClosesAt) {
    throw awardsError(
      AwardsError.VotingSealed,
      `Voting has opened, so its close can only move later than ${award.votingClosesAt.toISOString()}.`,
    );
  }
}

const sameValue = (a: unknown, b: unknown): boolean =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;

/** Voting opens before it closes; nominations (both times or neither) open before they close and close before voting opens. */
export function assertWindows(
  award: Pick<Award, 'votingOpensAt' | 'votingClosesAt' | 'nominationsOpenAt' | 'nominationsCloseAt'>,
): void {
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
