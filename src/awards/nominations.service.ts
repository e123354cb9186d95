import { Injectable } from '@nestjs/common';
import type { ActingOfficer } from '../registrations/colleague-registrations.service.js';
import type { AuthUser } from '../identity/auth-user.js';
import { Clock } from '../platform/clock/clock.js';
import { notFound } from '../platform/errors/common.errors.js';
import { type Page, type PageWindow } from '../platform/http/pagination.js';
import type { Registration } from '../registrations/registration.entity.js';
import type { AwardNomination } from './award-nomination.entity.js';
import type { Award } from './award.entity.js';
import { AwardAccessService } from './award-access.service.js';
import { awardsError, AwardsError } from './awards.errors.js';
import { type NominationResponse, toNominationResponse } from './dto/award.response.js';
import { NominationsRepository } from './nominations.repository.js';
import type { CreateNominationDto } from './dto/nomination.dto.js';

/** How organisers read a link officer's nomination (the agency's name, or none once the agency is gone). */
export const linkOfficerNominator = (agency: string | null): string | null =>
  agency ? `Link officer, ${agency}` : null;

/** Delegates' and link officers' nominations; organisers read and de-duplicate them before shortlisting. */
@Injectable()
export class NominationsService {
  constructor(
    private readonly nominations: NominationsRepository,
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
    this.assertWindow(award);
    const saved = await this.nominations.insert({
      awardId,
      nominatedById: delegate.id,
      nomineeName: input.nomineeName,
      nomineeOrganisation: input.nomineeOrganisation ?? null,
      statement: input.statement,
    });
    return toNominationResponse(saved, delegate.name);
  }

  /**
   * An agency's link officer nominates a colleague: a confirmed delegate of the award's event
   * from their agency, during the nomination window. It counts as any delegate's nomination;
   * organisers read it as from "Link officer, <agency>".
   */
  async nominateAsLinkOfficer(
    officer: ActingOfficer,
    eventId: string,
    input: { awardId: string; nomineeId: string; statement: string },
  ): Promise<NominationResponse> {
    const award = await this.access.award(input.awardId);
    if (award.eventId !== eventId) throw notFound('The award');
    this.assertWindow(award);
    const nominee = (await this.nominations.agencyColleagues(eventId, officer.agencyId)).find(
      (colleague) => colleague.id === input.nomineeId,
    );
    if (!nominee) {
      throw awardsError(AwardsError.NotEligible, 'You may nominate only a colleague of your agency with a place here.');
    }
    const saved = await this.nominations.insert({
      awardId: award.id,
      nominatorKind: 'link_officer',
      nominatedById: null,
      nominatedByLinkOfficerId: officer.linkOfficerId,
      nominatedByAgencyId: officer.agencyId,
      nomineeName: nominee.name,
      nomineeOrganisation: officer.agencyName,
      statement: input.statement,
    });
    return toNominationResponse(saved, linkOfficerNominator(officer.agencyName));
  }

  /** The event's awards taking nominations now, and the agency's colleagues who may be nominated. */
  async linkOfficerChoices(eventId: string, agencyId: string) {
    const [awards, colleagues] = await Promise.all([
      this.nominations.openForNominations(eventId, this.clock.now()),
      this.nominations.agencyColleagues(eventId, agencyId),
    ]);
    return { awards, colleagues };
  }

  async list(user: AuthUser, awardId: string, window: PageWindow): Promise<Page<NominationResponse>> {
    await this.access.awardForOrganiser(user, awardId);
    const { items, total } = await this.nominations.page(awardId, window);
    const [names, agencies] = await Promise.all([
      this.nominations.nominatorNames([
        ...new Set(items.map((n) => n.nominatedById).filter((id): id is string => id !== null)),
      ]),
      this.nominations.agencyNames([
        ...new Set(items.map((n) => n.nominatedByAgencyId).filter((id): id is string => id !== null)),
      ]),
    ]);
    const nominator = (n: AwardNomination): string | null =>
      n.nominatorKind === 'link_officer'
        ? linkOfficerNominator(agencies.get(n.nominatedByAgencyId ?? '') ?? null)
        : (names.get(n.nominatedById ?? '') ?? null);
    return { items: items.map((n) => toNominationResponse(n, nominator(n))), total };
  }

  private assertWindow(award: Award): void {
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
  }

  /** Folds a duplicate into another nomination; anything already folded into the duplicate follows it. */
  async merge(user: AuthUser, awardId: string, nominationId: string, intoId: string): Promise<NominationResponse> {
    await this.access.awardForOrganiser(user, awardId);
    if (nominationId === intoId) {
      throw awardsError(AwardsError.InvalidMerge, 'A nomination cannot be merged into itself.');
    }
    return this.nominations.transaction(async (tx) => {
      const found = await this.nominations.lockPair(tx, awardId, [nominationId, intoId]);
      const source = found.find((n) => n.id === nominationId);
      const target = found.find((n) => n.id === intoId);
      if (!source || !target) throw notFound('The nomination');
      if (target.mergedIntoId) {
        throw awardsError(
          AwardsError.InvalidMerge,
          'That nomination was itself merged into another; merge into that one instead.',
        );
      }
      await this.nominations.merge(tx, awardId, source, target.id);
      return toNominationResponse(source, null);
    });
  }
}
