import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { eventLayout } from '../../events/event-layout.js';
import { blankForm, type FormView } from '../../platform/web/form.js';
import { Flash } from '../../platform/web/flash.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { DelegateResolver } from '../../registrations/access/delegate-resolver.js';
import { DelegatesService } from '../../registrations/delegates.service.js';
import { LostLinkPages } from '../../registrations/pages/lost-link-pages.js';
import { personalPath } from '../../registrations/pages/personal-page.view.js';
import type { Registration } from '../../registrations/registration.entity.js';
import { FeedbackService } from '../feedback.service.js';
import { formsView, formView } from './feedback-page.view.js';
import { savePostedAnswer } from './posted-answer.js';

/**
 * A delegate's feedback, from their personal link: the event's form and one per session they
 * attended, each answered once and kept without their name. Plain forms, POST then redirect.
 */
@Pages()
@Controller('r/:token/feedback')
export class FeedbackPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly delegates: DelegateResolver,
    private readonly registrations: DelegatesService,
    private readonly feedback: FeedbackService,
    private readonly lostLink: LostLinkPages,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get()
  async list(@Param('token') token: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const delegate = await this.delegates.resolve(token);
    if (!delegate) return this.lostLink.linkNotValid(reply);
    const m = this.renderer.messages;
    const [me, forms] = await Promise.all([this.registrations.me(delegate), this.feedback.forms(delegate)]);
    return this.views.send(reply, 'feedback-list', formsView(forms, personalPath(token), m), {
      title: m.evidence.feedbackTitle,
      event: eventLayout(me.event, m),
      personal: true,
    });
  }

  @Get('event')
  eventForm(@Param('token') token: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.showForm(reply, token, null);
  }

  @Post('event')
  answerEvent(@Param('token') token: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.answer(reply, token, null, body);
  }

  @Get('sessions/:sessionId')
  sessionForm(
    @Param('token') token: string,
    @Param('sessionId') sessionId: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return isUUID(sessionId) ? this.showForm(reply, token, sessionId) : this.lostLink.linkNotValid(reply);
  }

  @Post('sessions/:sessionId')
  answerSession(
    @Param('token') token: string,
    @Param('sessionId') sessionId: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return isUUID(sessionId) ? this.answer(reply, token, sessionId, body) : this.lostLink.linkNotValid(reply);
  }

  private async showForm(
    reply: FastifyReply,
    token: string,
    sessionId: string | null,
    values: FormView = blankForm(),
    status?: number,
  ): Promise<FastifyReply> {
    const delegate = await this.delegates.resolve(token);
    if (!delegate) return this.lostLink.linkNotValid(reply);
    return this.render(reply, token, delegate, sessionId, values, status);
  }

  private async answer(reply: FastifyReply, token: string, sessionId: string | null, body: unknown) {
    const delegate = await this.delegates.resolve(token);
    if (!delegate) return this.lostLink.linkNotValid(reply);
    const { questions } = await this.feedback.form(delegate, sessionId);
    const posted = await savePostedAnswer(body, questions, this.renderer.messages, (answer) =>
      this.feedback.submit(delegate, sessionId, answer),
    );
    if (!posted.ok) return this.render(reply, token, delegate, sessionId, posted.form, posted.status);
    return this.flash.redirect(reply, `${personalPath(token)}/feedback`, 'feedbackSent');
  }

  private async render(
    reply: FastifyReply,
    token: string,
    delegate: Registration,
    sessionId: string | null,
    values: FormView,
    status?: number,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const [me, { form, questions }] = await Promise.all([
      this.registrations.me(delegate),
      this.feedback.form(delegate, sessionId),
    ]);
    const view = formView(form, questions, personalPath(token), me.event.timezone, values, m);
    return this.views.send(reply, 'feedback-form', view, {
      title: view.title,
      event: eventLayout(me.event, m),
      personal: true,
      status,
    });
  }
}
