import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AgenciesService } from '../../agencies/agencies.service.js';
import type { RegistrationCall } from '../../agenda/pages/registration-call.js';
import type { Event } from '../../events/event.entity.js';
import { eventLayout } from '../../events/event-layout.js';
import { isPublic } from '../../events/event-visibility.js';
import { EventsService } from '../../events/events.service.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { statusForKind } from '../../platform/errors/http-status.js';
import { RateLimit } from '../../platform/http/rate-limit.js';
import { blankForm, formValues, formWithErrors, type FormView, validateAs } from '../../platform/web/form.js';
import { Flash } from '../../platform/web/flash.js';
import { type PageLayout, PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { CreateRegistrationDto } from '../dto/create-registration.dto.js';
import { RegistrationAvailability } from '../registration-availability.service.js';
import { registrationEmailClaim } from '../registrations.controller.js';
import { DelegatesService } from '../delegates.service.js';
import { LostLinkPages } from './lost-link-pages.js';
import { REGISTER_FIELDS, registerPageView, registrationBody } from './register-page.view.js';

/** The same per-mailbox limit as the API's register route (one bucket for both doors). */
const REGISTER_LIMIT = RateLimit({
  bucket: 'register',
  limit: (config) => config.rateLimitRegistration,
  windowMs: 60_000,
  actor: registrationEmailClaim,
});

/** A refused form shows back what one person typed (their email, their needs): theirs alone. */
const REGISTER_LAYOUT_HEADERS = { personal: true } as const;

/** The blank form is the same for everyone: kept this long per event (the call to register is re-read as often). */
const BLANK_FRESH_MS = 5_000;
const BLANK_KEPT_MAX = 500;

/**
 * Registering from a browser: GET /events/:slug/register shows the API's form (same DTO,
 * same rules), a refused one comes back with its messages beside its fields and the input
 * kept, and an accepted one goes (303) to a page that says the link is on its way. The link
 * itself is never shown: only its owner's mailbox gets it, new or repeated registration alike.
 */
@Pages()
@Controller('events/:slug/register')
export class RegisterPagesController {
  private readonly views: PageViews;
  private readonly blankPages = new Map<string, { html: Buffer; at: number }>();

  constructor(
    private readonly events: EventsService,
    private readonly registrations: DelegatesService,
    private readonly availability: RegistrationAvailability,
    private readonly lostLink: LostLinkPages,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
    private readonly agencies: AgenciesService,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  /** The blank form, kept a few seconds per event: a whole venue may open it at once. */
  @Get()
  async show(@Param('slug') slug: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const now = Date.now();
    let kept = this.blankPages.get(slug);
    if (!kept || now - kept.at > BLANK_FRESH_MS) {
      const event = await this.publicEvent(slug);
      if (!event) return this.lostLink.eventNotFound(reply);
      const call = await this.availability.call(event.id);
      if (this.blankPages.size >= BLANK_KEPT_MAX) this.blankPages.clear();
      const [model, layout] = this.page(event, call, blankForm(), await this.agencies.list({ activeOnly: true }));
      kept = { html: Buffer.from(this.views.render('register', model, layout)), at: now };
      this.blankPages.set(slug, kept);
    }
    return this.views.sendHtml(reply, kept.html, REGISTER_LAYOUT_HEADERS);
  }

  @Post()
  @REGISTER_LIMIT
  async submit(@Param('slug') slug: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const event = await this.publicEvent(slug);
    if (!event) return this.lostLink.eventNotFound(reply);
    const values = formValues(body, REGISTER_FIELDS);
    const checked = await validateAs(CreateRegistrationDto, registrationBody(values));
    if (!checked.ok) {
      const form = formWithErrors(values, checked.errors, m.register.fields, REGISTER_FIELDS, m.errors.invalid);
      return this.render(reply, event, form, { status: 400 });
    }
    try {
      await this.registrations.register(event.id, checked.value);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.render(reply, event, blankForm(values), { status: statusForKind(error.kind), notice: error.message });
    }
    return this.flash.redirect(reply, `/events/${encodeURIComponent(event.slug)}/register/sent`);
  }

  @Get('sent')
  async sent(@Param('slug') slug: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const event = await this.publicEvent(slug);
    if (!event) return this.lostLink.eventNotFound(reply);
    const base = `/events/${encodeURIComponent(event.slug)}`;
    return this.views.send(
      reply,
      'register-sent',
      { agendaHref: base, lostLinkHref: `${base}/link` },
      { title: m.register.sentTitle, event: eventLayout(event, m), personal: true },
    );
  }

  private async render(
    reply: FastifyReply,
    event: Event,
    form: FormView,
    options: { status?: number; notice?: string } = {},
  ): Promise<FastifyReply> {
    const call = await this.availability.current(event.id);
    const agencies = await this.agencies.list({ activeOnly: true });
    const [model, layout] = this.page(event, call, form, agencies, options.notice);
    return this.views.send(reply, 'register', model, { ...layout, status: options.status });
  }

  /** The register page's model and layout. */
  private page(
    event: Event,
    call: RegistrationCall | undefined,
    form: FormView,
    agencies: ReadonlyArray<{ id: string; name: string; region: string | null }>,
    notice?: string,
  ): [ReturnType<typeof registerPageView>, PageLayout] {
    const m = this.renderer.messages;
    return [
      registerPageView(event, call, form, m, notice, agencies),
      { title: m.register.pageTitle, event: eventLayout(event, m), ...REGISTER_LAYOUT_HEADERS },
    ];
  }

  private async publicEvent(slug: string): Promise<Event | undefined> {
    const event = await this.events.find(slug);
    return event && isPublic(event) ? event : undefined;
  }
}
