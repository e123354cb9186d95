import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { DelegateResolver } from '../access/delegate-resolver.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { statusForKind } from '../../platform/errors/http-status.js';
import { addError, blankForm, formValues, formWithErrors, type FormView, validateAs } from '../../platform/web/form.js';
import { Flash, type FlashKey } from '../../platform/web/flash.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import type { Registration } from '../registration.entity.js';
import { DelegatesService } from '../delegates.service.js';
import { WorkshopSignupsService } from '../workshop-signups.service.js';
import { eventLayout } from '../../events/event-layout.js';
import { DelegateDetailsService } from '../delegate-details.service.js';
import { MyDetailsDto } from '../dto/my-details.dto.js';
import { MyCalendarService } from '../my-calendar.service.js';
import { LostLinkPages } from './lost-link-pages.js';
import { PersonalPageSections } from './personal-page-sections.js';
import { DETAIL_FIELDS, detailsBody, detailsForm, personalPageView, personalPath } from './personal-page.view.js';

/**
 * The personal link's page (<APP_URL>/r/<token>): the delegate's home for the event. Plain
 * HTML forms (POST, then redirect); the token in the address is the credential, as in the email.
 */
@Pages()
@Controller('r')
export class PersonalPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly delegates: DelegateResolver,
    private readonly registrations: DelegatesService,
    private readonly workshopSignups: WorkshopSignupsService,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
    private readonly lostLink: LostLinkPages,
    private readonly sections: PersonalPageSections,
    private readonly details: DelegateDetailsService,
    private readonly calendar: MyCalendarService,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get(':token')
  async page(
    @Param('token') token: string,
    @Query('cancel') cancel: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const delegate = await this.delegates.resolve(token);
    if (!delegate) return this.notFound(reply);
    return this.render(reply, token, delegate, { confirmCancel: cancel === '1' });
  }

  /** The delegate's own sessions as iCalendar; its address is the personal link's, so only they have it. */
  @Get(':token/calendar.ics')
  async myCalendar(@Param('token') token: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const delegate = await this.delegates.resolve(token);
    if (!delegate) return this.notFound(reply);
    const ics = await this.calendar.ics(delegate);
    return reply
      .headers({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-robots-tag': 'noindex' })
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="my-sessions.ics"')
      .send(ics);
  }

  @Get(':token/details')
  async detailsPage(@Param('token') token: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const delegate = await this.delegates.resolve(token);
    if (!delegate) return this.notFound(reply);
    return this.renderDetails(reply, token, delegate, detailsForm(delegate));
  }

  @Post(':token/details')
  async saveDetails(
    @Param('token') token: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const delegate = await this.delegates.resolve(token);
    if (!delegate) return this.notFound(reply);
    const values = formValues(body, DETAIL_FIELDS);
    const checked = await validateAs(MyDetailsDto, detailsBody(values));
    if (!checked.ok) {
      const form = formWithErrors(values, checked.errors, m.register.fields, DETAIL_FIELDS, m.errors.invalid);
      return this.renderDetails(reply, token, delegate, form, 400);
    }
    try {
      await this.details.change(delegate, checked.value);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const field = error.message.includes('organisation') ? 'organisation' : 'name';
      return this.renderDetails(
        reply,
        token,
        delegate,
        addError(blankForm(values), field, error.message),
        statusForKind(error.kind),
      );
    }
    return this.flash.redirect(reply, personalPath(token), 'detailsSaved');
  }

  @Post(':token/cancel')
  async cancel(@Param('token') token: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.act(token, reply, 'registrationCancelled', (delegate) => this.registrations.cancel(delegate));
  }

  @Post(':token/workshops/:sessionId/join')
  async join(
    @Param('token') token: string,
    @Param('sessionId') sessionId: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    if (!isUUID(sessionId)) return this.notFound(reply);
    let queued = false;
    return this.act(
      token,
      reply,
      () => (queued ? 'workshopQueued' : 'workshopJoined'),
      async (delegate) => {
        queued = (await this.workshopSignups.signUp(delegate, sessionId)).status === 'waitlisted';
      },
    );
  }

  @Post(':token/workshops/:sessionId/leave')
  async leave(
    @Param('token') token: string,
    @Param('sessionId') sessionId: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    if (!isUUID(sessionId)) return this.notFound(reply);
    return this.act(token, reply, 'workshopLeft', (delegate) => this.workshopSignups.leave(delegate, sessionId));
  }

  /** Runs an action, then back to the page (303) with a flash, or the page with the reason it was refused. */
  private async act(
    token: string,
    reply: FastifyReply,
    done: FlashKey | (() => FlashKey),
    action: (delegate: Registration) => Promise<void>,
  ): Promise<FastifyReply> {
    const delegate = await this.delegates.resolve(token);
    if (!delegate) return this.notFound(reply);
    try {
      await action(delegate);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.render(reply, token, delegate, {
        notice: error.message,
        status: error.kind === 'not_found' ? 404 : 409,
      });
    }
    return this.flash.redirect(reply, personalPath(token), typeof done === 'function' ? done() : done);
  }

  private async render(
    reply: FastifyReply,
    token: string,
    delegate: Registration,
    options: { confirmCancel?: boolean; notice?: string; status?: number },
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const me = await this.registrations.me(delegate);
    const [listing, sections] = await Promise.all([
      this.workshopSignups.workshops(me.event.id),
      this.sections.render({ delegate, me, base: personalPath(token) }),
    ]);
    const view = personalPageView(
      me,
      listing,
      token,
      { confirmCancel: options.confirmCancel ?? false, notice: options.notice, sections },
      m,
    );
    return this.views.send(reply, 'personal', view, {
      title: m.personal.pageTitle,
      event: eventLayout(me.event, m),
      personal: true,
      status: options.status,
    });
  }

  private async renderDetails(
    reply: FastifyReply,
    token: string,
    delegate: Registration,
    form: FormView,
    status?: number,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const me = await this.registrations.me(delegate);
    const organisationFixed = !(await this.details.mayChangeOrganisation(delegate));
    return this.views.send(
      reply,
      'details',
      { form, base: personalPath(token), organisationFixed, email: me.email },
      { title: m.details.pageTitle, event: eventLayout(me.event, m), personal: true, status },
    );
  }

  private notFound(reply: FastifyReply): Promise<FastifyReply> {
    return this.lostLink.linkNotValid(reply);
  }
}
