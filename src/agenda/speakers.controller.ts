import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiAnonymousAllowed } from '../platform/http/openapi-document.js';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../identity/auth-user.js';
import { EventRole } from '../identity/decorators/auth.decorators.js';
import { UuidParam } from '../platform/http/uuid-param.js';
import { EventsService } from '../events/events.service.js';
import { MaybeUser, OptionalStaffGuard } from '../events/optional-staff.guard.js';
import { CreateSpeakerDto, UpdateSpeakerDto } from './dto/create-speaker.dto.js';
import {
  PublicSpeakerResponse,
  SpeakerResponse,
  toPublicSpeakerResponse,
  toSpeakerResponse,
} from './dto/speaker.response.js';
import { SpeakersService } from './speakers.service.js';

@ApiTags('speakers')
@Controller('api/events/:eventId/speakers')
export class SpeakersController {
  constructor(
    private readonly speakers: SpeakersService,
    private readonly events: EventsService,
  ) {}

  @Post()
  @EventRole('organiser')
  @ApiOperation({ summary: 'Add a speaker; the email is private (for change notices).' })
  @ApiCreatedResponse({ type: SpeakerResponse })
  async create(@UuidParam('eventId') eventId: string, @Body() body: CreateSpeakerDto): Promise<SpeakerResponse> {
    return toSpeakerResponse(await this.speakers.create(eventId, body));
  }

  @Get()
  @UseGuards(OptionalStaffGuard)
  @ApiBearerAuth('staff')
  @ApiOperation({ summary: "The event's speakers (public once published; never their emails)." })
  @ApiOkResponse({ type: [PublicSpeakerResponse] })
  @ApiAnonymousAllowed()
  async list(
    @MaybeUser() user: AuthUser | undefined,
    @Param('eventId') idOrSlug: string,
  ): Promise<PublicSpeakerResponse[]> {
    const event = await this.events.getVisible(idOrSlug, user);
    return (await this.speakers.list(event.id)).map(toPublicSpeakerResponse);
  }

  @Patch(':speakerId')
  @EventRole('organiser')
  @ApiOperation({ summary: 'Change a speaker; sessions they speak in are updated on a published agenda.' })
  @ApiOkResponse({ type: SpeakerResponse })
  async update(
    @UuidParam('eventId') eventId: string,
    @UuidParam('speakerId') speakerId: string,
    @Body() body: UpdateSpeakerDto,
  ): Promise<SpeakerResponse> {
    return toSpeakerResponse(await this.speakers.update(eventId, speakerId, body));
  }

  @Delete(':speakerId')
  @HttpCode(204)
  @EventRole('organiser')
  @ApiOperation({ summary: 'Remove a speaker from the event and from their sessions.' })
  @ApiNoContentResponse()
  async remove(@UuidParam('eventId') eventId: string, @UuidParam('speakerId') speakerId: string): Promise<void> {
    await this.speakers.remove(eventId, speakerId);
  }
}
