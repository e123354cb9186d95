import { Controller, Get, Param, Res } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { eventLayout } from '../../events/event-layout.js';
import type { Event } from '../../events/event.entity.js';
import { EventsService } from '../../events/events.service.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { AwardsService } from '../awards.service.js';
import type { AwardResponse } from '../dto/award.response.js';
import { roundsView } from './award-page.view.js';

/**
 * An award's published results for everyone: the winners and the rounds of the count. Before
 * publishing (or for an award of a draft event, or of another event) there is nothing here: a
 * 404 page, which says no more than that.
 */
@Pages()
@Controller('events/:slug/awards/:awardId')
export class PublicResultsPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly events: EventsService,
    private readonly awards: AwardsService,
    private readonly renderer: PageRenderer,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get()
  async page(
    @Param('slug') slug: string,
    @Param('awardId') awardId: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const found = await this.published(slug, awardId);
    if (!found) {
      return this.renderer.platform.send(
        reply,
        'error',
        { title: m.errors.notFoundTitle, message: m.publicResults.notFound },
        { title: m.errors.notFoundTitle, status: 404 },
      );
    }
    const { event, award } = found;
    return this.views.send(
      reply,
      'public-results',
      {
        title: award.title,
        description: award.description,
        results: roundsView(award.results!, m),
        ranked: award.method === 'ranked',
        agendaHref: `/events/${encodeURIComponent(event.slug)}`,
      },
      { title: m.publicResults.title(award.title), event: eventLayout(event, m) },
    );
  }

  /** The public event and its award, if the award's results are published. */
  private async published(slug: string, awardId: string): Promise<{ event: Event; award: AwardResponse } | undefined> {
    if (!isUUID(awardId)) return undefined;
    const hidden = (error: unknown) => {
      if (error instanceof DomainError && error.kind === 'not_found') return undefined;
      throw error;
    };
    const event = await this.events.getVisible(slug).catch(hidden);
    if (!event) return undefined;
    const award = await this.awards.view(undefined, awardId).catch(hidden);
    return award && award.eventId === event.id && award.results ? { event, award } : undefined;
  }
}
