import { Controller, Get, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiAnonymousAllowed, ApiFileResponse } from '../platform/http/openapi-document.js';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../identity/auth-user.js';
import { PageQuery, pageWindow } from '../platform/http/pagination.js';
import { AppConfig } from '../platform/config/app-config.js';
import { EventsService } from '../events/events.service.js';
import { MaybeUser, OptionalStaffGuard } from '../events/optional-staff.guard.js';
import { AgendaChangesService } from './agenda-changes.service.js';
import { AgendaService } from './agenda.service.js';
import { AgendaChangePageResponse, toAgendaChangeResponse } from './dto/agenda-change.response.js';
import { AgendaResponse } from './dto/agenda.response.js';
import { AgendaReadLimit, sendCached } from './http-cache.js';

@ApiTags('agenda')
@Controller('api/events/:eventId')
@UseGuards(OptionalStaffGuard)
@ApiBearerAuth('staff')
export class AgendaController {
  constructor(
    private readonly agenda: AgendaService,
    private readonly events: EventsService,
    private readonly changes: AgendaChangesService,
    private readonly config: AppConfig,
  ) {}

  @Get('agenda')
  @AgendaReadLimit()
  @ApiOkResponse({ type: AgendaResponse })
  @ApiResponse({ status: 304, description: 'Not modified (If-None-Match matched the ETag).' })
  @ApiResponse({ status: 404, description: 'No such event, or it is not published.' })
  @ApiOperation({
    summary: 'The agenda by day in the event’s time zone, with speakers and rooms (event id or slug). ETag / 304.',
  })
  @ApiAnonymousAllowed()
  async agendaJson(
    @Param('eventId') idOrSlug: string,
    @MaybeUser() user: AuthUser | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const { entry, shared } = await this.agenda.resolve(idOrSlug, user);
    return sendCached(request, reply, entry.json, 'application/json; charset=utf-8', shared);
  }

  @Get('agenda.ics')
  @AgendaReadLimit()
  @ApiResponse({ status: 304, description: 'Not modified (If-None-Match matched the ETag).' })
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'The agenda as iCalendar: one VEVENT per session, cancelled ones as STATUS:CANCELLED.' })
  @ApiAnonymousAllowed()
  @ApiFileResponse('text/calendar', 'The agenda as an iCalendar file (RFC 5545).')
  async agendaIcs(
    @Param('eventId') idOrSlug: string,
    @MaybeUser() user: AuthUser | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const { entry, shared } = await this.agenda.resolve(idOrSlug, user);
    void reply.header('content-disposition', `inline; filename="${entry.slug}.ics"`);
    return sendCached(request, reply, this.agenda.ics(entry), 'text/calendar; charset=utf-8', shared);
  }

  @Get('agenda/changes')
  @ApiOperation({ summary: 'What changed on the agenda since it was published, newest first.' })
  @ApiOkResponse({ type: AgendaChangePageResponse })
  @ApiAnonymousAllowed()
  async changeList(
    @Param('eventId') idOrSlug: string,
    @MaybeUser() user: AuthUser | undefined,
    @Query() query: PageQuery,
  ): Promise<AgendaChangePageResponse> {
    const event = await this.events.getVisible(idOrSlug, user);
    const page = await this.changes.list(event.id, pageWindow(query, this.config.pageSizeMax));
    return { items: page.items.map(toAgendaChangeResponse), total: page.total };
  }
}
