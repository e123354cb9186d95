import { Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../identity/auth-user.js';
import { CurrentUser, EventRole } from '../../identity/decorators/auth.decorators.js';
import { EventsService } from '../../events/events.service.js';
import { UuidParam } from '../../platform/http/uuid-param.js';
import { Flash } from '../../platform/web/flash.js';
import { formValues, pageFields } from '../../platform/web/form.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { AttendeesService } from '../attendees.service.js';
import { CheckInService } from '../check-in/check-in.service.js';
import { DelegatesService } from '../delegates.service.js';
import { attendeeFilter, ListRegistrationsQuery } from '../dto/list-registrations.query.js';
import { staffEventLayout } from '../../events/event-layout.js';
import { DELEGATES_PAGE_SIZE, delegatePath, delegatesPath, delegatesView, delegateView } from './delegates.view.js';

const LIST_FIELDS = ['q', 'status', 'checkedIn', 'sessionId', 'offset'] as const;

/**
 * The organisers' delegate list: counts, search and filters, pages, the CSV of the same
 * filter, one delegate's page and erasure with a confirmation step, and "fill free seats".
 * The API's services and guard (organisers), on each route so the CSRF check runs first;
 * the same filter DTO as the API's list.
 */
@Pages({ csrf: true })
@Controller('staff/events/:eventId/delegates')
export class DelegatesPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly attendees: AttendeesService,
    private readonly delegates: DelegatesService,
    private readonly checkIns: CheckInService,
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
    const filter = await pageFields(ListRegistrationsQuery, formValues(query, LIST_FIELDS));
    const event = await this.events.get(eventId);
    const offset = filter.offset ?? 0;
    const [page, counts, sessions] = await Promise.all([
      this.attendees.list(eventId, attendeeFilter(filter), { limit: DELEGATES_PAGE_SIZE, offset }),
      this.attendees.counts(eventId),
      this.checkIns.doorSessions(eventId),
    ]);
    const view = delegatesView(
      {
        eventId,
        timezone: event.timezone,
        filter: { ...filter, offset },
        counts,
        items: page.items,
        total: page.total,
        workshops: sessions.filter((s) => s.kind === 'workshop'),
      },
      this.renderer.messages,
    );
    return this.views.send(reply, 'delegates', view, {
      title: (m) => m.delegates.title,
      event: staffEventLayout(event, this.renderer.messages),
      staff: user,
    });
  }

  /** The same filter as the list, every page of it, as the API's CSV. */
  @Get('export.csv')
  @EventRole('organiser')
  async csv(
    @UuidParam('eventId') eventId: string,
    @Query() query: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const filter = await pageFields(ListRegistrationsQuery, formValues(query, LIST_FIELDS));
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="delegates-${eventId}.csv"`)
      .send(this.attendees.exportCsv(eventId, attendeeFilter(filter)));
  }

  @Post('fill-free-seats')
  @EventRole('organiser')
  async fill(@UuidParam('eventId') eventId: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    await this.delegates.fillFreeSeats(eventId);
    return this.flash.redirect(reply, delegatesPath(eventId, {}), 'seatsFilled');
  }

  @Get(':registrationId')
  @EventRole('organiser')
  async delegate(
    @UuidParam('eventId') eventId: string,
    @UuidParam('registrationId') registrationId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const [event, dossier] = await Promise.all([
      this.events.get(eventId),
      this.attendees.dossier(eventId, registrationId),
    ]);
    const view = delegateView(eventId, event.timezone, dossier, this.renderer.messages);
    return this.views.send(reply, 'delegate', view, {
      title: view.name,
      event: staffEventLayout(event, this.renderer.messages),
      staff: user,
    });
  }

  /** The confirmation step: says what erasure does; only its button erases. */
  @Get(':registrationId/erase')
  @EventRole('organiser')
  async confirmErase(
    @UuidParam('eventId') eventId: string,
    @UuidParam('registrationId') registrationId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const [event, attendee] = await Promise.all([
      this.events.get(eventId),
      this.attendees.get(eventId, registrationId),
    ]);
    const back = delegatePath(eventId, registrationId);
    return this.views.send(
      reply,
      'erase',
      { name: attendee.name, action: `${back}/erase`, back },
      { title: (m) => m.delegates.erase.title, event: staffEventLayout(event, this.renderer.messages), staff: user },
    );
  }

  @Post(':registrationId/erase')
  @EventRole('organiser')
  async erase(
    @UuidParam('eventId') eventId: string,
    @UuidParam('registrationId') registrationId: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    await this.attendees.erase(eventId, registrationId);
    return this.flash.redirect(reply, delegatesPath(eventId, {}), 'delegateErased');
  }
}
