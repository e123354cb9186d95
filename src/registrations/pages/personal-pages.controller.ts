import { Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { DelegateResolver } from '../access/delegate-resolver.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { Flash, type FlashKey } from '../../platform/web/flash.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import type { Registration } from '../registration.entity.js';
import { DelegatesService } from '../delegates.service.js';
import { WorkshopSignupsService } from '../workshop-signups.service.js';
import { eventLayout } from '../../events/event-layout.js';
import { LostLinkPages } from './lost-link-pages.js';
import { personalPageView, personalPath } from './personal-page.view.js';

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
    const listing = await this.workshopSignups.workshops(me.event.id);
    const view = personalPageView(
      me,
      listing,
      token,
      { confirmCancel: options.confirmCancel ?? false, notice: options.notice },
      m,
    );
    return this.views.send(reply, 'personal', view, {
      title: m.personal.pageTitle,
      event: eventLayout(me.event, m),
      personal: true,
      status: options.status,
    });
  }

  private notFound(reply: FastifyReply): Promise<FastifyReply> {
    return this.lostLink.linkNotValid(reply);
  }
}
