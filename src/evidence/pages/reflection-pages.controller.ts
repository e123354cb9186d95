import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { eventLayout } from '../../events/event-layout.js';
import { clockTime, shortDateTime } from '../../platform/web/dates.js';
import { blankForm, formValues, formWithErrors, type FormView, validateAs } from '../../platform/web/form.js';
import { Flash } from '../../platform/web/flash.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { DelegateResolver } from '../../registrations/access/delegate-resolver.js';
import { DelegatesService } from '../../registrations/delegates.service.js';
import { LostLinkPages } from '../../registrations/pages/lost-link-pages.js';
import { personalPath } from '../../registrations/pages/personal-page.view.js';
import type { Registration } from '../../registrations/registration.entity.js';
import { ReflectionsService } from '../reflections.service.js';
import { REFLECTION_FIELDS, ReflectionDto } from './reflection.dto.js';

/**
 * A delegate's reflection on a session they attended, from their personal link: two boxes,
 * saved as often as they like, seen by nobody else. Plain form, POST then redirect.
 */
@Pages()
@Controller('r/:token/reflections/:sessionId')
export class ReflectionPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly delegates: DelegateResolver,
    private readonly registrations: DelegatesService,
    private readonly reflections: ReflectionsService,
    private readonly lostLink: LostLinkPages,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get()
  async form(
    @Param('token') token: string,
    @Param('sessionId') sessionId: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const delegate = isUUID(sessionId) ? await this.delegates.resolve(token) : undefined;
    if (!delegate) return this.lostLink.linkNotValid(reply);
    return this.render(reply, token, delegate, sessionId);
  }

  @Post()
  async save(
    @Param('token') token: string,
    @Param('sessionId') sessionId: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const delegate = isUUID(sessionId) ? await this.delegates.resolve(token) : undefined;
    if (!delegate) return this.lostLink.linkNotValid(reply);
    const m = this.renderer.messages;
    const values = { learned: '', applying: '', ...formValues(body, REFLECTION_FIELDS) };
    const input = await validateAs(ReflectionDto, values);
    if (!input.ok) {
      const form = formWithErrors(
        values,
        input.errors,
        m.evidence.reflectionFields,
        REFLECTION_FIELDS,
        m.errors.invalid,
      );
      return this.render(reply, token, delegate, sessionId, form, 400);
    }
    const kept = await this.reflections.save(delegate.id, sessionId, input.value);
    return this.flash.redirect(reply, personalPath(token), kept ? 'reflectionSaved' : 'reflectionRemoved');
  }

  private async render(
    reply: FastifyReply,
    token: string,
    delegate: Registration,
    sessionId: string,
    form?: FormView,
    status?: number,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const [me, { session, reflection }] = await Promise.all([
      this.registrations.me(delegate),
      this.reflections.one(delegate.id, sessionId),
    ]);
    const zone = me.event.timezone;
    const title = m.evidence.reflectionTitle(session.title);
    const path = personalPath(token);
    return this.views.send(
      reply,
      'reflection',
      {
        title,
        back: path,
        action: `${path}/reflections/${sessionId}`,
        when: `${shortDateTime(session.startsAt, zone, m.locale)}–${clockTime(session.endsAt, zone, m.locale)}`,
        hours: m.evidence.hours(session.cpdMinutes),
        form: form ?? blankForm({ learned: reflection?.learned ?? '', applying: reflection?.applying ?? '' }),
        savedAt: reflection
          ? m.evidence.reflectionSavedAt(shortDateTime(reflection.updatedAt, zone, m.locale))
          : undefined,
      },
      { title, event: eventLayout(me.event, m), personal: true, status },
    );
  }
}
