import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../identity/auth-user.js';
import { CurrentUser, EventRole } from '../../identity/decorators/auth.decorators.js';
import { UuidParam } from '../../platform/http/uuid-param.js';
import { CheckInDto, CheckInSearchQuery, UndoCheckInDto } from './dto/check-in.dto.js';
import {
  CheckInSearchResponse,
  DoorCheckInResponse,
  DoorDelegateResponse,
  toDoorDelegateResponse,
} from './dto/check-in.response.js';
import { CheckInService } from './check-in.service.js';

/**
 * The registration desk: the event's door, or a session's with `sessionId`. Facilitators of
 * the event staff the desks too; a door shows names and organisations only, never contact
 * details or needs (those stay on the organisers' delegate pages).
 */
@ApiTags('check-in')
@Controller('api/events/:eventId/check-in')
@EventRole('facilitator')
export class CheckInController {
  constructor(private readonly checkIns: CheckInService) {}

  /** Delegates matching a few letters of a name or organisation, with the door's count. */
  @Get()
  @ApiOkResponse({ type: CheckInSearchResponse })
  @ApiOperation({ summary: 'Find delegates at the door by name, organisation or check-in code.' })
  async search(
    @UuidParam('eventId') eventId: string,
    @Query() query: CheckInSearchQuery,
  ): Promise<CheckInSearchResponse> {
    const door = await this.checkIns.door(eventId, query.sessionId);
    const [items, count] = await Promise.all([this.checkIns.search(door, query.q ?? ''), this.checkIns.count(door)]);
    return { items: items.map(toDoorDelegateResponse), ...count };
  }

  /** Idempotent: a repeat answers with the first check-in's time and changes nothing. */
  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: DoorCheckInResponse })
  @ApiOperation({ summary: 'Check a delegate in, by id or check-in code (at the event or a session door).' })
  async checkIn(
    @UuidParam('eventId') eventId: string,
    @Body() body: CheckInDto,
    @CurrentUser() user: AuthUser,
  ): Promise<DoorCheckInResponse> {
    const door = await this.checkIns.door(eventId, body.sessionId);
    const outcome =
      body.code !== undefined
        ? await this.checkIns.checkInByCode(door, body.code, user)
        : await this.checkIns.checkIn(door, body.registrationId!, user);
    return { delegate: toDoorDelegateResponse(outcome.delegate), alreadyCheckedIn: !outcome.recorded };
  }

  /** Withdraws the check-in recorded at `checkedInAt`; repeating it changes nothing. */
  @Post('undo')
  @HttpCode(200)
  @ApiOkResponse({ type: DoorDelegateResponse })
  @ApiOperation({ summary: 'Undo a check-in made by mistake.' })
  async undo(@UuidParam('eventId') eventId: string, @Body() body: UndoCheckInDto): Promise<DoorDelegateResponse> {
    const door = await this.checkIns.door(eventId, body.sessionId);
    return toDoorDelegateResponse(await this.checkIns.undo(door, body.registrationId, new Date(body.checkedInAt)));
  }
}
