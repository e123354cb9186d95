import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../identity/auth-user.js';
import { CurrentUser, Staff } from '../../identity/decorators/auth.decorators.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { EventsService } from '../events.service.js';
import { myEventsView } from './my-events.view.js';

/** The staff console's landing page (where sign-in leads): the events the user works on. */
@Pages({ csrf: true })
@Controller('staff')
export class MyEventsPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly events: EventsService,
    private readonly renderer: PageRenderer,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get()
  @Staff()
  async myEvents(@CurrentUser() user: AuthUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const view = myEventsView(await this.events.listForStaff(user), this.renderer.messages);
    return this.views.send(reply, 'my-events', view, { title: (m) => m.staff.myEvents.title, staff: user });
  }
}
