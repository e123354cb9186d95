import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Event } from '../../events/event.entity.js';
import { eventLayout } from '../../events/event-layout.js';
import { isPublic } from '../../events/event-visibility.js';
import { EventsService } from '../../events/events.service.js';
import { RateLimit } from '../../platform/http/rate-limit.js';
import { addError, blankForm, formValues, formWithErrors, type FormView, validateAs } from '../../platform/web/form.js';
import { Flash } from '../../platform/web/flash.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { ResendLinkDto } from '../dto/create-registration.dto.js';
import { registrationEmailClaim } from '../registrations.controller.js';
import { DelegatesService } from '../delegates.service.js';
import { LOST_LINK_FIELDS, LostLinkPages } from './lost-link-pages.js';

/** The same per-mailbox limit as the API's resend-link route. */
const RESEND_LIMIT = RateLimit({
  bucket: 'resend-link',
  limit: (config) => config.rateLimitRegistration,
  windowMs: 60_000,
  actor: registrationEmailClaim,
});

/**
 * "Email me my link again": GET/POST /events/:slug/link, and /link for the form on a broken
 * link's page (which names the event in a field). The answer is the same page whether or not
 * the address is registered, and the look-up happens after it (DelegatesService.resendLink).
 */
@Pages()
@Controller()
export class LostLinkPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly events: EventsService,
    private readonly registrations: DelegatesService,
    private readonly lostLink: LostLinkPages,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get('events/:slug/link')
  async show(@Param('slug') slug: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const event = await this.publicEvent(slug);
    if (!event) return this.lostLink.eventNotFound(reply);
    return this.render(reply, event, blankForm({ event: event.slug }));
  }

  @Post('events/:slug/link')
  @RESEND_LIMIT
  async submit(@Param('slug') slug: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const event = await this.publicEvent(slug);
    if (!event) return this.lostLink.eventNotFound(reply);
    const values: Record<string, string> = { ...formValues(body, LOST_LINK_FIELDS), event: event.slug };
    const form = await this.check(values);
    if (form) return this.render(reply, event, form, 400);
    await this.registrations.resendLink(event.id, values.email ?? '');
    return this.flash.redirect(reply, `/events/${encodeURIComponent(event.slug)}/link/sent`);
  }

  @Get('events/:slug/link/sent')
  async sent(@Param('slug') slug: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const event = await this.publicEvent(slug);
    if (!event) return this.lostLink.eventNotFound(reply);
    return this.views.send(
      reply,
      'link-sent',
      { agendaHref: `/events/${encodeURIComponent(event.slug)}` },
      { title: m.lostLink.sentTitle, event: eventLayout(event, m), personal: true },
    );
  }

  /** The form that does not know its event (on a broken personal link's page). */
  @Get('link')
  async showAny(@Res() reply: FastifyReply): Promise<FastifyReply> {
    const m = this.renderer.messages;
    return this.views.send(reply, 'link-any', await this.lostLink.formFor(), {
      title: m.lostLink.pageTitle,
      personal: true,
    });
  }

  @Post('link')
  @RESEND_LIMIT
  async submitAny(@Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const values = formValues(body, LOST_LINK_FIELDS);
    const event = values.event ? await this.publicEvent(values.event) : undefined;
    let form = event ? undefined : addError(blankForm(values), 'event', m.lostLink.fields.event.default);
    const emailRefused = await this.check(values);
    if (emailRefused) form = addError(form ?? blankForm(values), 'email', emailRefused.errors.email ?? '');
    if (form || !event) {
      return this.views.send(reply, 'link-any', await this.lostLink.formFor(form), {
        title: m.lostLink.pageTitle,
        personal: true,
        status: 400,
      });
    }
    await this.registrations.resendLink(event.id, values.email ?? '');
    return this.flash.redirect(reply, `/events/${encodeURIComponent(event.slug)}/link/sent`);
  }

  /** The form again with its messages, or undefined when the address is well formed. */
  private async check(values: Record<string, string>): Promise<FormView | undefined> {
    const m = this.renderer.messages;
    const checked = await validateAs(ResendLinkDto, { email: values.email });
    return checked.ok
      ? undefined
      : formWithErrors(values, checked.errors, m.lostLink.fields, LOST_LINK_FIELDS, m.errors.invalid);
  }

  private render(reply: FastifyReply, event: Event, form: FormView, status?: number): FastifyReply {
    const m = this.renderer.messages;
    const base = `/events/${encodeURIComponent(event.slug)}`;
    return this.views.send(
      reply,
      'link',
      { form, postTo: `${base}/link`, events: [{ slug: event.slug, title: event.title }] },
      { title: m.lostLink.pageTitle, event: eventLayout(event, m), personal: true, status },
    );
  }

  private async publicEvent(slug: string): Promise<Event | undefined> {
    const event = await this.events.find(slug);
    return event && event.status === 'published' && isPublic(event) ? event : undefined;
  }
}
