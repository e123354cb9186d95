import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { eventLayout } from '../../events/event-layout.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { statusForKind } from '../../platform/errors/http-status.js';
import { addError, blankForm, formValues, type FormView, validateAs } from '../../platform/web/form.js';
import { Flash } from '../../platform/web/flash.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { DelegateResolver } from '../../registrations/access/delegate-resolver.js';
import { DelegatesService } from '../../registrations/delegates.service.js';
import { LostLinkPages } from '../../registrations/pages/lost-link-pages.js';
import { personalPath } from '../../registrations/pages/personal-page.view.js';
import type { Registration } from '../../registrations/registration.entity.js';
import { AttendanceService } from '../attendance.service.js';
import { RoomCodeDto } from './attendance-pages.dto.js';

/** A delegate checks in to a session from their personal link by typing the code shown in the room. */
@Pages()
@Controller('r/:token/attend')
export class AttendPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly delegates: DelegateResolver,
    private readonly registrations: DelegatesService,
    private readonly attendance: AttendanceService,
    private readonly lostLink: LostLinkPages,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get()
  async page(@Param('token') token: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const delegate = await this.delegates.resolve(token);
    if (!delegate) return this.lostLink.linkNotValid(reply);
    return this.render(reply, token, delegate, blankForm());
  }

  @Post()
  async attend(
    @Param('token') token: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const delegate = await this.delegates.resolve(token);
    if (!delegate) return this.lostLink.linkNotValid(reply);
    const values = formValues(body, ['code']);
    const input = await validateAs(RoomCodeDto, values);
    if (!input.ok)
      return this.render(reply, token, delegate, addError(blankForm(values), 'code', m.evidence.codeInvalid), 400);
    try {
      const outcome = await this.attendance.selfCheckIn(delegate, input.value.code);
      return this.flash.redirect(reply, personalPath(token), outcome.recorded ? 'attended' : 'alreadyAttended');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.render(
        reply,
        token,
        delegate,
        addError(blankForm(values), 'code', error.message),
        statusForKind(error.kind),
      );
    }
  }

  private async render(
    reply: FastifyReply,
    token: string,
    delegate: Registration,
    form: FormView,
    status?: number,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const me = await this.registrations.me(delegate);
    return this.views.send(
      reply,
      'attend',
      { form, action: `${personalPath(token)}/attend`, base: personalPath(token) },
      { title: m.evidence.attendTitle, event: eventLayout(me.event, m), personal: true, status },
    );
  }
}
