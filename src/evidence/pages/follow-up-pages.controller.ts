import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
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
import { ImpactFollowUpService } from '../impact-follow-up.service.js';
import { followUpView } from './feedback-page.view.js';
import { savePostedAnswer } from './posted-answer.js';

/**
 * The impact follow-up's answer page, from the delegate's personal link (the follow-up email
 * links here): the organiser's rating question and free-text question, answered once and kept
 * without the delegate's name, as the feedback is.
 */
@Pages()
@Controller('r/:token/follow-up')
export class FollowUpPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly delegates: DelegateResolver,
    private readonly registrations: DelegatesService,
    private readonly followUps: ImpactFollowUpService,
    private readonly lostLink: LostLinkPages,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get()
  async form(@Param('token') token: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const delegate = await this.delegates.resolve(token);
    if (!delegate) return this.lostLink.linkNotValid(reply);
    return this.render(reply, token, delegate, blankForm());
  }

  @Post()
  async answer(@Param('token') token: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const delegate = await this.delegates.resolve(token);
    if (!delegate) return this.lostLink.linkNotValid(reply);
    const { question } = await this.followUps.formFor(delegate);
    const posted = await savePostedAnswer(body, [question], this.renderer.messages, (answer) =>
      this.followUps.answer(delegate, answer),
    );
    if (!posted.ok) return this.render(reply, token, delegate, posted.form, posted.status);
    return this.flash.redirect(reply, personalPath(token), 'feedbackSent');
  }

  private async render(
    reply: FastifyReply,
    token: string,
    delegate: Registration,
    values: FormView,
    status?: number,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const [me, { followUp, question, answered }] = await Promise.all([
      this.registrations.me(delegate),
      this.followUps.formFor(delegate),
    ]);
    const view = followUpView(followUp, question, answered, personalPath(token), me.event.title, values, m);
    return this.views.send(reply, 'feedback-form', view, {
      title: view.title,
      event: eventLayout(me.event, m),
      personal: true,
      status,
    });
  }
}
