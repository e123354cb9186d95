import { Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../identity/auth-user.js';
import { CurrentUser, EventRole } from '../../identity/decorators/auth.decorators.js';
import { EventsService } from '../../events/events.service.js';
import { NotificationsQuery } from '../../outbox/dto/notifications.dto.js';
import { EventOutboxService } from '../../outbox/event-outbox.service.js';
import { UuidParam } from '../../platform/http/uuid-param.js';
import { Flash } from '../../platform/web/flash.js';
import { formValues, pageFields } from '../../platform/web/form.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { staffEventLayout } from '../../events/event-layout.js';
import { MAIL_PAGE_SIZE, mailPath, mailView } from './mail.view.js';

/**
 * An event's mail for its organisers: the outbox (waiting, sent, failed with its error,
 * cancelled) with a status filter and pages, "send again" for a failed email, and the queue
 * dashboard's link for administrators. The API's service and guard (on each route, after the CSRF check).
 */
@Pages({ csrf: true })
@Controller('staff/events/:eventId/mail')
export class MailPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly outbox: EventOutboxService,
    private readonly events: EventsService,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get()
  @EventRole('organiser')
  async list(
    @UuidParam('eventId') eventId: string,
    @Query() query: unknown,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const filter = await pageFields(NotificationsQuery, formValues(query, ['status', 'offset']));
    const offset = filter.offset ?? 0;
    const [event, page] = await Promise.all([
      this.events.get(eventId),
      this.outbox.list(eventId, { ...filter, limit: MAIL_PAGE_SIZE, offset }),
    ]);
    const view = mailView(
      { eventId, timezone: event.timezone, status: filter.status, offset, page, admin: user.isAdmin },
      this.renderer.messages,
    );
    return this.views.send(reply, 'mail', view, {
      title: (m) => m.mail.title,
      event: staffEventLayout(event, this.renderer.messages),
      staff: user,
    });
  }

  /** Only a failed email can be sent again; anything else is refused as the API refuses it (409 page). */
  @Post(':notificationId/retry')
  @EventRole('organiser')
  async retry(
    @UuidParam('eventId') eventId: string,
    @UuidParam('notificationId') notificationId: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    await this.outbox.retry(eventId, notificationId);
    return this.flash.redirect(reply, mailPath(eventId, { status: 'failed' }), 'mailRetried');
  }
}
