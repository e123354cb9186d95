import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { eventLayout } from '../../events/event-layout.js';
import { hashToken } from '../../platform/crypto/tokens.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { statusForKind } from '../../platform/errors/http-status.js';
import { addError, blankForm, formValues, formWithErrors, type FormView, validateAs } from '../../platform/web/form.js';
import { Flash } from '../../platform/web/flash.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { DelegateResolver } from '../../registrations/access/delegate-resolver.js';
import { LostLinkPages } from '../../registrations/pages/lost-link-pages.js';
import { personalPath } from '../../registrations/pages/personal-page.view.js';
import type { Registration } from '../../registrations/registration.entity.js';
import { DelegatesService } from '../../registrations/delegates.service.js';
import { AwardsRepository } from '../awards.repository.js';
import { AwardsService } from '../awards.service.js';
import { BallotsService } from '../ballots.service.js';
import type { AwardResponse } from '../dto/award.response.js';
import { CreateNominationDto } from '../dto/nomination.dto.js';
import { NominationsService } from '../nominations.service.js';
import {
  awardPageView,
  CHOICE_FIELD,
  NOMINATION_FIELDS,
  pluralityBallot,
  rankedBallot,
  rankField,
} from './award-page.view.js';

/**
 * A delegate's awards, from their personal link: nominate while nominations are open, vote
 * while voting is (plurality as radio buttons, ranked as a rank select per nominee that the
 * site script turns into move up/down buttons), the receipt once voted, the results once
 * published. Plain forms, POST then redirect; the rules are the API's (the same services).
 */
@Pages()
@Controller('r/:token/awards/:awardId')
export class AwardPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly delegates: DelegateResolver,
    private readonly registrations: DelegatesService,
    private readonly awards: AwardsService,
    private readonly repository: AwardsRepository,
    private readonly nominations: NominationsService,
    private readonly ballots: BallotsService,
    private readonly lostLink: LostLinkPages,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get()
  async page(
    @Param('token') token: string,
    @Param('awardId') awardId: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const found = await this.find(token, awardId);
    if (!found) return this.lostLink.linkNotValid(reply);
    return this.render(reply, token, found.delegate, found.award);
  }

  @Post('nominations')
  async nominate(
    @Param('token') token: string,
    @Param('awardId') awardId: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const found = await this.find(token, awardId);
    if (!found) return this.lostLink.linkNotValid(reply);
    const values = formValues(body, NOMINATION_FIELDS);
    const given = Object.fromEntries(
      Object.entries(values).filter(([name, value]) => name !== 'nomineeOrganisation' || value.trim() !== ''),
    );
    const checked = await validateAs(CreateNominationDto, given);
    if (!checked.ok) {
      const form = formWithErrors(values, checked.errors, m.awards.fields, NOMINATION_FIELDS, m.errors.invalid);
      return this.render(reply, token, found.delegate, found.award, form, 400);
    }
    try {
      await this.nominations.nominate(found.delegate, awardId, checked.value);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const form = addError(blankForm(values), 'nomineeName', error.message);
      return this.render(reply, token, found.delegate, found.award, form, statusForKind(error.kind));
    }
    return this.flash.redirect(reply, `${personalPath(token)}/awards/${awardId}`, 'nominationSent');
  }

  @Post('ballot')
  async vote(
    @Param('token') token: string,
    @Param('awardId') awardId: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const found = await this.find(token, awardId);
    if (!found) return this.lostLink.linkNotValid(reply);
    const ids = found.award.nominees.map((n) => n.id);
    const ranked = found.award.method === 'ranked';
    const values = formValues(body, ranked ? ids.map(rankField) : [CHOICE_FIELD]);
    const checked = ranked ? rankedBallot(values, ids, m) : pluralityBallot(values, ids, m);
    if (!checked.ok) return this.render(reply, token, found.delegate, found.award, checked.form, 400);
    try {
      await this.ballots.cast(hashToken(token), awardId, checked.ballot);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const field = ranked ? rankField(ids[0] ?? '') : CHOICE_FIELD;
      const form = addError(blankForm(values), field, error.message);
      return this.render(reply, token, found.delegate, found.award, form, statusForKind(error.kind));
    }
    return this.flash.redirect(reply, `${personalPath(token)}/awards/${awardId}`, 'voted');
  }

  /** The delegate and the award, if the token is theirs and the award is of their event. */
  private async find(
    token: string,
    awardId: string,
  ): Promise<{ delegate: Registration; award: AwardResponse } | undefined> {
    if (!isUUID(awardId)) return undefined;
    const delegate = await this.delegates.resolve(token);
    if (!delegate) return undefined;
    const award = await this.awards.view(undefined, awardId).catch((error: unknown) => {
      if (error instanceof DomainError && error.kind === 'not_found') return undefined;
      throw error;
    });
    return award && award.eventId === delegate.eventId ? { delegate, award } : undefined;
  }

  private async render(
    reply: FastifyReply,
    token: string,
    delegate: Registration,
    award: AwardResponse,
    form?: FormView,
    status?: number,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const [me, receipts, agencyVoted] = await Promise.all([
      this.registrations.me(delegate),
      this.repository.receiptsOf(delegate.id, [award.id]),
      award.oneVotePerAgency ? this.repository.agencyHasVoted(award.id, delegate.agencyId) : Promise.resolve(false),
    ]);
    const view = awardPageView(
      {
        award,
        base: personalPath(token),
        zone: me.event.timezone,
        confirmed: me.status === 'confirmed',
        receipt: receipts.get(award.id),
        agencyVoted,
        form,
      },
      m,
    );
    return this.views.send(
      reply,
      'award',
      { ...view, backHref: personalPath(token) },
      { title: m.awards.pageTitle(award.title), event: eventLayout(me.event, m), personal: true, status },
    );
  }
}
