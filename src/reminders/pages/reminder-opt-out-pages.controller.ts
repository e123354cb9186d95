import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { notFound } from '../../platform/errors/common.errors.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { eventUrls } from '../../events/event-urls.js';
import { AppConfig } from '../../platform/config/app-config.js';
import { ReminderOptOuts } from '../reminder-opt-outs.js';

/**
 * The List-Unsubscribe address of reminder emails. GET shows a page with one button (mail
 * scanners and link previews fetch links, so a GET never changes anything); POST, from that
 * button or as the mailbox provider's one-click request, stops the reminders.
 */
@Pages({ signedLinkPosts: true })
@Controller('reminders/stop')
export class ReminderOptOutPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly optOuts: ReminderOptOuts,
    private readonly config: AppConfig,
    renderer: PageRenderer,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get(':token')
  async ask(@Param('token') token: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const subject = await this.optOuts.find(token);
    if (!subject) throw notFound('The link');
    const action = `/reminders/stop/${encodeURIComponent(token)}`;
    return this.views.send(
      reply,
      subject.optedOut ? 'stopped' : 'stop',
      { eventTitle: subject.eventTitle, action, agendaHref: this.agendaHref(subject.eventSlug) },
      { title: (m) => m.reminderOptOut.title, personal: true },
    );
  }

  @Post(':token')
  @HttpCode(200)
  async stop(@Param('token') token: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const subject = await this.optOuts.stop(token);
    if (!subject) throw notFound('The link');
    return this.views.send(
      reply,
      'stopped',
      { eventTitle: subject.eventTitle, agendaHref: this.agendaHref(subject.eventSlug) },
      { title: (m) => m.reminderOptOut.doneTitle, personal: true },
    );
  }

  private agendaHref(slug: string): string {
    return new URL(eventUrls(this.config.appUrl, { id: '', slug }).agendaPage).pathname;
  }
}
