import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors/domain-error.js';
import { AppConfig } from '../../platform/config/app-config.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { AgendaService, cachedBody } from '../agenda.service.js';
import { AgendaReadLimit, sendCached } from '../http-cache.js';
import { eventLayout } from '../../events/event-layout.js';
import { agendaPageView } from './agenda-page.view.js';
import { eventUrls } from '../../events/event-urls.js';
import type { CachedAgenda, CachedBody } from '../agenda-cache.js';
import { RegistrationCalls, registrationCallKey } from './registration-call.js';

/** Public HTML pages (not part of the JSON API). */
@Pages()
@Controller('events')
export class PagesController {
  private readonly views: PageViews;
  /** Per cached agenda, its page for each registration call seen (a handful: open, full, closed…). */
  private readonly pages = new WeakMap<CachedAgenda, Map<string, CachedBody>>();

  constructor(
    private readonly agenda: AgendaService,
    private readonly renderer: PageRenderer,
    private readonly config: AppConfig,
    private readonly calls: RegistrationCalls,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  /** The published agenda as a page; drafts are not there (404). */
  @Get(':slug')
  @AgendaReadLimit()
  async agendaPage(
    @Param('slug') slug: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    let resolved;
    try {
      // No staff identity here: a browser shows only what the public may see.
      resolved = await this.agenda.resolve(slug);
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'not_found') {
        return this.renderer.platform.send(
          reply,
          'error',
          { title: m.errors.notFoundTitle, message: m.agenda.notFound },
          { title: m.errors.notFoundTitle, status: 404 },
        );
      }
      throw error;
    }
    const { entry } = resolved;
    const call = await this.calls.for(entry.eventId);
    const key = registrationCallKey(call);
    let built = this.pages.get(entry);
    if (!built) this.pages.set(entry, (built = new Map<string, CachedBody>()));
    let html = built.get(key);
    if (!html) {
      const doc = this.agenda.view(entry).document;
      const jsonUrl = eventUrls(this.config.appUrl, doc.event).agendaJson;
      html = cachedBody(
        this.views.render('agenda', agendaPageView(doc, jsonUrl, m, call), {
          title: m.agenda.pageTitle,
          event: eventLayout(doc.event, m),
          alternates: [{ href: doc.calendarUrl, type: 'text/calendar', title: m.agenda.calendarLinkTitle }],
        }),
      );
      built.set(key, html);
    }
    return sendCached(request, reply, html, 'text/html; charset=utf-8', resolved.shared);
  }
}
