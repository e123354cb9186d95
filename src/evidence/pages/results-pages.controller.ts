import { Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../identity/auth-user.js';
import { CurrentUser, EventRole } from '../../identity/decorators/auth.decorators.js';
import { eventLayout, staffEventLayout } from '../../events/event-layout.js';
import { EventsService } from '../../events/events.service.js';
import { UuidParam } from '../../platform/http/uuid-param.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { FeedbackResultsRepository } from '../feedback-results.repository.js';
import { FeedbackResultsService } from '../feedback-results.service.js';
import { feedbackPath } from './feedback-settings.controller.js';
import { resultsView } from './results.view.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The event's feedback results for its organisers, their exports, and the speakers' links. */
@Pages({ csrf: true })
@Controller('staff/events/:eventId/feedback')
export class ResultsPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly results: FeedbackResultsService,
    private readonly repository: FeedbackResultsRepository,
    private readonly events: EventsService,
    private readonly renderer: PageRenderer,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get('results')
  @EventRole('organiser')
  async page(
    @UuidParam('eventId') eventId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const event = await this.events.get(eventId);
    const [groups, speakers] = await Promise.all([
      this.results.forEvent(eventId, event.title),
      this.repository.speakers(eventId),
    ]);
    const base = `${feedbackPath(eventId)}/results`;
    return this.views.send(
      reply,
      'results',
      {
        ...resultsView(groups, m),
        title: m.evidence.resultsTitle,
        exports: { csv: `${base}.csv`, xlsx: `${base}.xlsx` },
        speakers: speakers.map((s) => ({
          name: s.name,
          action: `${base}/speakers/${s.id}/link`,
          label: m.evidence.makeLink(s.name),
        })),
      },
      { title: m.evidence.resultsTitle, event: staffEventLayout(event, m), staff: user },
    );
  }

  @Get('results.csv')
  @EventRole('organiser')
  async csv(@UuidParam('eventId') eventId: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const event = await this.events.get(eventId);
    const body = this.results.csv(await this.results.forEvent(eventId, event.title));
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="feedback-${event.slug}.csv"`)
      .send(body);
  }

  @Get('results.xlsx')
  @EventRole('organiser')
  async xlsx(@UuidParam('eventId') eventId: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const event = await this.events.get(eventId);
    const body = await this.results.xlsx(await this.results.forEvent(eventId, event.title));
    return reply
      .type(XLSX_TYPE)
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="feedback-${event.slug}.xlsx"`)
      .send(body);
  }

  /** Shown once, on this response (not stored, not redirected to): a new link replaces the speaker's old one. */
  @Post('results/speakers/:speakerId/link')
  @EventRole('organiser')
  async link(
    @UuidParam('eventId') eventId: string,
    @UuidParam('speakerId') speakerId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const event = await this.events.get(eventId);
    const link = await this.results.newSpeakerLink(eventId, speakerId);
    return this.views.send(
      reply,
      'speaker-link',
      { title: m.evidence.linkTitle(link.speaker), url: link.url, back: `${feedbackPath(eventId)}/results` },
      { title: m.evidence.linkTitle(link.speaker), event: staffEventLayout(event, m), staff: user },
    );
  }
}

/**
 * A speaker's own results by their secret link. The link is the credential, so the page is
 * never cached or indexed and sends no Referer onwards (the personal pages' headers).
 */
@Pages()
@Controller('feedback-results')
export class SpeakerResultsController {
  private readonly views: PageViews;

  constructor(
    private readonly results: FeedbackResultsService,
    private readonly events: EventsService,
    private readonly renderer: PageRenderer,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get(':token')
  async page(@Param('token') token: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const m = this.renderer.messages;
    void reply.header('referrer-policy', 'no-referrer');
    const found = await this.results.forSpeakerLink(token);
    const event = await this.events.get(found.eventId);
    const title = m.evidence.speakerResultsTitle(found.speaker);
    return this.views.send(
      reply,
      'results',
      { ...resultsView(found.groups, m), title },
      { title, event: eventLayout(event, m), personal: true },
    );
  }
}
