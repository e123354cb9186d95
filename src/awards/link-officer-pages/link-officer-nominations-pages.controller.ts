import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LinkOfficerAccess } from '../../link-officers/link-officer-access.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { statusForKind } from '../../platform/errors/http-status.js';
import { UuidParam } from '../../platform/http/uuid-param.js';
import { Flash } from '../../platform/web/flash.js';
import { blankForm, formValues, formWithErrors, type FormView, validateAs } from '../../platform/web/form.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import type { ActingOfficer } from '../../registrations/colleague-registrations.service.js';
import { NominationsService } from '../nominations.service.js';
import { LinkOfficerNominationDto } from './link-officer-nomination.dto.js';
import { linkOfficerNominationView, NOMINATION_FIELDS } from './link-officer-nominations.view.js';

const SIGN_IN = '/link-officer/sign-in';
const HOME = '/link-officer';

/**
 * A link officer nominating a colleague of their agency for one of an event's awards, during
 * its nomination window. The page sits beside the link officer's own (same session, same
 * CSRF-protected forms); the nomination counts as a delegate's does.
 */
@Pages({ csrf: true })
@Controller('link-officer/agencies/:agencyId/events/:eventId/nominate')
export class LinkOfficerNominationsPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly access: LinkOfficerAccess,
    private readonly nominations: NominationsService,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get()
  async show(
    @UuidParam('agencyId') agencyId: string,
    @UuidParam('eventId') eventId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const acting = (await this.access.acting(request, agencyId))?.officer;
    if (!acting) return this.flash.redirect(reply, SIGN_IN);
    return this.page(reply, acting, await this.access.event(eventId), blankForm());
  }

  @Post()
  @HttpCode(200)
  async nominate(
    @UuidParam('agencyId') agencyId: string,
    @UuidParam('eventId') eventId: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const acting = (await this.access.acting(request, agencyId))?.officer;
    if (!acting) return this.flash.redirect(reply, SIGN_IN);
    const event = await this.access.event(eventId);
    const values = formValues(body, NOMINATION_FIELDS);
    const input = await validateAs(LinkOfficerNominationDto, values);
    if (!input.ok) {
      const m = this.renderer.messages;
      const form = formWithErrors(
        values,
        input.errors,
        m.linkOfficerColleagues.fields,
        NOMINATION_FIELDS,
        m.errors.invalid,
      );
      return this.page(reply, acting, event, form, { status: 400 });
    }
    try {
      await this.nominations.nominateAsLinkOfficer(acting, event.id, input.value);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.page(reply, acting, event, blankForm(values), {
        status: statusForKind(error.kind),
        notice: error.message,
      });
    }
    return this.flash.redirect(reply, HOME, 'colleagueNominated');
  }

  private async page(
    reply: FastifyReply,
    acting: ActingOfficer,
    event: { id: string; title: string; timezone: string },
    form: FormView,
    options: { status?: number; notice?: string } = {},
  ): Promise<FastifyReply> {
    const choices = await this.nominations.linkOfficerChoices(event.id, acting.agencyId);
    return this.views.send(
      reply,
      'nominate',
      linkOfficerNominationView(
        { id: acting.agencyId, name: acting.agencyName },
        event,
        choices,
        form,
        this.renderer.messages,
        options.notice,
      ),
      { title: (m) => m.linkOfficerColleagues.nominateTitle, personal: true, csrf: true, status: options.status },
    );
  }
}
