import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { emailInBody } from '../../platform/http/actor-verifiers.js';
import { RateLimit } from '../../platform/http/rate-limit.js';
import { UuidParam } from '../../platform/http/uuid-param.js';
import { Flash } from '../../platform/web/flash.js';
import { blankForm, formValues, formWithErrors, type FormView, validateAs } from '../../platform/web/form.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { looksLikeSecretToken } from '../../platform/crypto/tokens.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { statusForKind } from '../../platform/errors/http-status.js';
import { ColleagueRegistrationsService } from '../../registrations/colleague-registrations.service.js';
import { CreateRegistrationDto, ResendLinkDto } from '../../registrations/dto/create-registration.dto.js';
import { registrationBody } from '../../registrations/pages/register-page.view.js';
import { LinkOfficerAccess } from '../link-officer-access.js';
import { LinkOfficerSessions } from '../link-officer-sessions.js';
import { LinkOfficersService } from '../link-officers.service.js';
import type { OfficerAgency } from '../link-officers.repository.js';
import { agencyPageView, COLLEAGUE_FIELDS, registerColleagueView, swapColleagueView } from './colleague-forms.view.js';

const SIGN_IN = '/link-officer/sign-in';
const HOME = '/link-officer';

/**
 * A link officer's pages: sign in by an emailed single-use link, their agency's page, handing
 * the role on, sign out. The link's page only offers a button that posts the token, so a mail
 * scanner that fetches links uses nothing up; it and every signed-in page are personal
 * (no-store, no Referer).
 */
@Pages({ csrf: true })
@Controller('link-officer')
export class LinkOfficerPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly officers: LinkOfficersService,
    private readonly sessions: LinkOfficerSessions,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
    private readonly colleagues: ColleagueRegistrationsService,
    private readonly access: LinkOfficerAccess,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get('sign-in')
  signInPage(@Res() reply: FastifyReply): FastifyReply {
    return this.signInForm(reply, blankForm());
  }

  @Post('sign-in')
  @HttpCode(200)
  @RateLimit({
    bucket: 'link-officer-sign-in',
    limit: (config) => config.rateLimitRegistration,
    windowMs: 60_000,
    actor: emailInBody('email'),
  })
  async requestLink(@Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const m = this.renderer.messages.linkOfficers;
    const values = formValues(body, ['email']);
    const input = await validateAs(ResendLinkDto, values);
    if (!input.ok) {
      return this.signInForm(
        reply,
        formWithErrors(values, input.errors, m.fields, ['email'], m.fields.email.default),
        400,
      );
    }
    this.officers.requestSignIn(input.value.email);
    return this.flash.redirect(reply, `${SIGN_IN}/sent`);
  }

  @Get('sign-in/sent')
  sent(@Res() reply: FastifyReply): FastifyReply {
    return this.views.send(reply, 'sign-in-sent', {}, { title: (m) => m.linkOfficers.sentTitle, personal: true });
  }

  @Get('sign-in/:token')
  linkPage(@Param('token') token: string, @Res() reply: FastifyReply): FastifyReply {
    if (!looksLikeSecretToken(token)) return this.refused(reply);
    // The button posts back to this address, so the page never repeats the token.
    return this.views.send(
      reply,
      'sign-in-link',
      {},
      { title: (m) => m.linkOfficers.linkTitle, personal: true, csrf: true },
    );
  }

  @Post('sign-in/:token')
  async consume(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const email = looksLikeSecretToken(token) ? await this.officers.consume(token) : undefined;
    if (!email) return this.refused(reply);
    // A new session each sign-in (never one a stranger planted): this browser's old one ends.
    await this.sessions.end(request, reply);
    await this.sessions.start(reply, email);
    return this.flash.redirect(reply, HOME, 'linkOfficerSignedIn');
  }

  @Get()
  async home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const email = await this.sessions.resolve(request);
    if (!email) return this.flash.redirect(reply, SIGN_IN);
    return this.agencyPage(reply, email);
  }

  @Post('agencies/:agencyId/hand-over')
  @HttpCode(200)
  async handOver(
    @UuidParam('agencyId') agencyId: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const email = await this.sessions.resolve(request);
    if (!email) return this.flash.redirect(reply, SIGN_IN);
    const agency = await this.officers.agencyOf(email, agencyId);
    // Another agency's page is not there for this link officer.
    if (!agency) throw new NotFoundException();
    const values = formValues(body, ['email']);
    const input = await validateAs(ResendLinkDto, values);
    if (!input.ok) {
      const m = this.renderer.messages.linkOfficers;
      return this.agencyPage(reply, email, { agencyId, error: m.fields.email.default, value: values.email ?? '' }, 400);
    }
    await this.officers.handOver(email, agency, input.value.email);
    return this.flash.redirect(reply, HOME, 'linkOfficerHandedOver');
  }

  @Get('agencies/:agencyId/events/:eventId/register')
  async registerColleaguePage(
    @UuidParam('agencyId') agencyId: string,
    @UuidParam('eventId') eventId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const acting = await this.access.acting(request, agencyId);
    if (!acting) return this.flash.redirect(reply, SIGN_IN);
    const event = await this.access.event(eventId);
    return this.registerColleagueForm(reply, acting, event, blankForm());
  }

  /**
   * Registers a colleague of the agency as the register page does (same DTO and rules, the
   * agency as their organisation); the colleague's personal link goes only to their mailbox.
   */
  @Post('agencies/:agencyId/events/:eventId/register')
  @HttpCode(200)
  async registerColleague(
    @UuidParam('agencyId') agencyId: string,
    @UuidParam('eventId') eventId: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const acting = await this.access.acting(request, agencyId);
    if (!acting) return this.flash.redirect(reply, SIGN_IN);
    const event = await this.access.event(eventId);
    const values = formValues(body, COLLEAGUE_FIELDS);
    const checked = await validateAs(CreateRegistrationDto, registrationBody(values));
    if (!checked.ok) {
      const m = this.renderer.messages;
      const form = formWithErrors(values, checked.errors, m.register.fields, COLLEAGUE_FIELDS, m.errors.invalid);
      return this.registerColleagueForm(reply, acting, event, form, { status: 400 });
    }
    try {
      const outcome = await this.colleagues.register(event.id, acting.officer, checked.value);
      const said = !outcome.created
        ? 'colleagueAlreadyRegistered'
        : outcome.status === 'confirmed'
          ? 'colleagueRegistered'
          : 'colleagueWaiting';
      return this.flash.redirect(reply, HOME, said);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.registerColleagueForm(reply, acting, event, blankForm(values), {
        status: statusForKind(error.kind),
        notice: error.message,
      });
    }
  }

  @Get('agencies/:agencyId/registrations/:registrationId/swap')
  async swapColleaguePage(
    @UuidParam('agencyId') agencyId: string,
    @UuidParam('registrationId') registrationId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const acting = await this.access.acting(request, agencyId);
    if (!acting) return this.flash.redirect(reply, SIGN_IN);
    const colleague = await this.colleague(registrationId, acting.agency);
    return this.swapColleagueForm(reply, acting, colleague, blankForm());
  }

  /**
   * Passes a colleague's held place (a seat or a place in the queue) to another colleague of the
   * agency, at once: nobody waiting moves up, and both are emailed. Another agency's
   * registration is not there for this link officer (404).
   */
  @Post('agencies/:agencyId/registrations/:registrationId/swap')
  @HttpCode(200)
  async swapColleague(
    @UuidParam('agencyId') agencyId: string,
    @UuidParam('registrationId') registrationId: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const acting = await this.access.acting(request, agencyId);
    if (!acting) return this.flash.redirect(reply, SIGN_IN);
    const colleague = await this.colleague(registrationId, acting.agency);
    const values = formValues(body, COLLEAGUE_FIELDS);
    const checked = await validateAs(CreateRegistrationDto, registrationBody(values));
    if (!checked.ok) {
      const m = this.renderer.messages;
      const form = formWithErrors(values, checked.errors, m.register.fields, COLLEAGUE_FIELDS, m.errors.invalid);
      return this.swapColleagueForm(reply, acting, colleague, form, { status: 400 });
    }
    try {
      const outcome = await this.colleagues.swap(colleague.id, acting.officer, checked.value);
      return this.flash.redirect(
        reply,
        HOME,
        outcome.status === 'confirmed' ? 'placePassedOn' : 'placePassedOnWaiting',
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.kind === 'not_found') throw new NotFoundException();
      return this.swapColleagueForm(reply, acting, colleague, blankForm(values), {
        status: statusForKind(error.kind),
        notice: error.message,
      });
    }
  }

  @Post('sign-out')
  async signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    await this.sessions.end(request, reply);
    return this.flash.redirect(reply, SIGN_IN, 'linkOfficerSignedOut');
  }

  private async colleague(registrationId: string, agency: OfficerAgency) {
    const colleague = await this.colleagues.colleague(registrationId, agency.id);
    if (!colleague) throw new NotFoundException();
    return colleague;
  }

  private registerColleagueForm(
    reply: FastifyReply,
    acting: { agency: OfficerAgency },
    event: { id: string; title: string; registrationOpen: boolean },
    form: FormView,
    options: { status?: number; notice?: string } = {},
  ): FastifyReply {
    return this.views.send(
      reply,
      'register-colleague',
      registerColleagueView(acting.agency, event, form, this.renderer.messages, options.notice),
      { title: (m) => m.linkOfficerColleagues.registerTitle, personal: true, csrf: true, status: options.status },
    );
  }

  private swapColleagueForm(
    reply: FastifyReply,
    acting: { agency: OfficerAgency },
    colleague: { id: string; name: string; eventTitle: string; status: string },
    form: FormView,
    options: { status?: number; notice?: string } = {},
  ): FastifyReply {
    return this.views.send(
      reply,
      'swap-colleague',
      swapColleagueView(acting.agency, colleague, form, this.renderer.messages, options.notice),
      { title: (m) => m.linkOfficerColleagues.swapTitle, personal: true, csrf: true, status: options.status },
    );
  }

  private async agencyPage(
    reply: FastifyReply,
    email: string,
    refused?: { agencyId: string; error: string; value: string },
    status?: number,
  ): Promise<FastifyReply> {
    const agencies = await this.officers.agenciesOf(email);
    const pages = await Promise.all(agencies.map((agency) => this.officers.page(agency)));
    const shown = pages.map((page) =>
      refused?.agencyId === page.agency.id ? { ...page, error: refused.error, value: refused.value } : page,
    );
    return this.views.send(
      reply,
      'agency',
      { pages: agencyPageView(shown, this.renderer.messages) },
      { title: (m) => m.linkOfficers.pageTitle, personal: true, csrf: true, status },
    );
  }

  private signInForm(reply: FastifyReply, form: FormView, status?: number): FastifyReply {
    return this.views.send(
      reply,
      'sign-in',
      { form },
      { title: (m) => m.linkOfficers.signInTitle, personal: true, csrf: true, status },
    );
  }

  private refused(reply: FastifyReply): FastifyReply {
    return this.views.send(
      reply,
      'sign-in-refused',
      {},
      { title: (m) => m.linkOfficers.linkNotValidTitle, personal: true, status: 410 },
    );
  }
}
