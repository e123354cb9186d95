import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiAnonymousAllowed } from '../platform/http/openapi-document.js';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../identity/auth-user.js';
import { CurrentUser, EventRole, Staff } from '../identity/decorators/auth.decorators.js';
import { UuidParam } from '../platform/http/uuid-param.js';
import { PageQuery, pageWindow } from '../platform/http/pagination.js';
import { AppConfig } from '../platform/config/app-config.js';
import { AddMemberDto, MemberResponse } from './dto/add-member.dto.js';
import { CreateEventDto } from './dto/create-event.dto.js';
import { EventPageResponse, EventResponse, toEventResponse } from './dto/event.response.js';
import { UpdateEventDto } from './dto/update-event.dto.js';
import { EventsService } from './events.service.js';
import { MaybeUser, OptionalStaffGuard } from './optional-staff.guard.js';

@ApiTags('events')
@Controller('api/events')
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @Staff()
  @ApiOperation({ summary: 'Create an event (draft); the creator becomes its organiser.' })
  @ApiCreatedResponse({ type: EventResponse })
  async create(@CurrentUser() user: AuthUser, @Body() body: CreateEventDto): Promise<EventResponse> {
    return toEventResponse(await this.events.create(user, body), this.config.appUrl);
  }

  @Get()
  @UseGuards(OptionalStaffGuard)
  @ApiBearerAuth('staff')
  @ApiOperation({ summary: 'Published events; staff also see drafts of their own events.' })
  @ApiOkResponse({ type: EventPageResponse })
  @ApiAnonymousAllowed()
  async list(@MaybeUser() user: AuthUser | undefined, @Query() query: PageQuery): Promise<EventPageResponse> {
    const page = await this.events.list(user, pageWindow(query, this.config.pageSizeMax));
    return { items: page.items.map((e) => toEventResponse(e, this.config.appUrl)), total: page.total };
  }

  @Get(':eventId')
  @UseGuards(OptionalStaffGuard)
  @ApiBearerAuth('staff')
  @ApiOperation({ summary: 'One event by id or slug; drafts only for its staff.' })
  @ApiAnonymousAllowed()
  @ApiOkResponse({ type: EventResponse })
  async get(@MaybeUser() user: AuthUser | undefined, @Param('eventId') idOrSlug: string): Promise<EventResponse> {
    return toEventResponse(await this.events.getVisible(idOrSlug, user), this.config.appUrl);
  }

  @Patch(':eventId')
  @EventRole('organiser')
  @ApiOperation({ summary: 'Change an event; new dates, times or venue of a published event notify its delegates.' })
  @ApiOkResponse({ type: EventResponse })
  async update(@UuidParam('eventId') eventId: string, @Body() body: UpdateEventDto): Promise<EventResponse> {
    return toEventResponse(await this.events.update(eventId, body), this.config.appUrl);
  }

  @Post(':eventId/publish')
  @HttpCode(200)
  @EventRole('organiser')
  @ApiOperation({ summary: 'Make the event and its agenda public.' })
  @ApiOkResponse({ type: EventResponse })
  async publish(@UuidParam('eventId') eventId: string): Promise<EventResponse> {
    return toEventResponse(await this.events.publish(eventId), this.config.appUrl);
  }

  @Post(':eventId/unpublish')
  @HttpCode(200)
  @EventRole('organiser')
  @ApiOperation({ summary: 'Back to draft: hidden from the public again.' })
  @ApiOkResponse({ type: EventResponse })
  async unpublish(@UuidParam('eventId') eventId: string): Promise<EventResponse> {
    return toEventResponse(await this.events.unpublish(eventId), this.config.appUrl);
  }

  @Post(':eventId/cancel')
  @HttpCode(200)
  @EventRole('organiser')
  @ApiOperation({ summary: 'Cancel the event; every registered delegate is emailed.' })
  @ApiOkResponse({ type: EventResponse })
  async cancel(@UuidParam('eventId') eventId: string): Promise<EventResponse> {
    return toEventResponse(await this.events.cancel(eventId), this.config.appUrl);
  }

  @Post(':eventId/members')
  @EventRole('organiser')
  @ApiOperation({ summary: 'Give an existing staff account a role on this event (or change it).' })
  @ApiCreatedResponse({ type: MemberResponse })
  async addMember(@UuidParam('eventId') eventId: string, @Body() body: AddMemberDto): Promise<MemberResponse> {
    return this.events.addMember(eventId, body.email, body.role);
  }

  @Delete(':eventId/members/:userId')
  @HttpCode(204)
  @EventRole('organiser')
  @ApiOperation({
    summary: 'Take a staff account off this event (never its last organiser); it loses the event at once.',
  })
  async removeMember(@UuidParam('eventId') eventId: string, @UuidParam('userId') userId: string): Promise<void> {
    await this.events.removeMember(eventId, userId);
  }

  @Get(':eventId/members')
  @EventRole('organiser')
  @ApiOkResponse({ type: [MemberResponse] })
  @ApiOperation({ summary: "The event's staff and their roles." })
  async members(@UuidParam('eventId') eventId: string): Promise<MemberResponse[]> {
    return this.events.members(eventId);
  }
}
