import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors/domain-error.js';
import { AppConfig } from '../../platform/config/app-config.js';
import { AgendaService, cachedBody } from '../agenda.service.js';
import { AgendaReadLimit, sendCached } from '../http-cache.js';
import { AgendaPageRenderer } from './agenda-page.renderer.js';

/** Public HTML pages (not part of the JSON API). */
@ApiExcludeController()
@Controller('events')
export class PagesController {
  constructor(
    private readonly agenda: AgendaService,
    private readonly renderer: AgendaPageRenderer,
    private readonly config: AppConfig,
  ) {}

  /** The published agenda as a page; drafts are not there (404). */
  @Get(':slug')
  @AgendaReadLimit()
  async agendaPage(
    @Param('slug') slug: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    let resolved;
    try {
      // No staff identity here: a browser shows only what the public may see.
      resolved = await this.agenda.resolve(slug);
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'not_found') {
        return reply.code(404).type('text/html; charset=utf-8').send(this.renderer.notFound());
      }
      throw error;
    }
    const { entry } = resolved;
    if (!entry.html) {
      const doc = this.agenda.view(entry).document;
      entry.html = cachedBody(this.renderer.render(doc, `${this.config.appUrl}/api/events/${doc.event.id}/agenda`));
    }
    return sendCached(request, reply, entry.html, 'text/html; charset=utf-8', resolved.shared);
  }
}
