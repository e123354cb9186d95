import { Body, Controller, Delete, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventRole } from '../identity/decorators/auth.decorators.js';
import { UuidParam } from '../platform/http/uuid-param.js';
import { CreateSessionDto, UpdateSessionDto } from './dto/create-session.dto.js';
import { SessionResponse, toSessionResponse } from './dto/session.response.js';
import { SessionsService } from './sessions.service.js';

@ApiTags('agenda')
@Controller('api/events/:eventId/sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Post()
  @EventRole('organiser')
  @ApiOperation({
    summary: 'Add a session; 409 on a room or speaker clash, 422 outside the event’s dates.',
  })
  @ApiCreatedResponse({ type: SessionResponse })
  async create(@UuidParam('eventId') eventId: string, @Body() body: CreateSessionDto): Promise<SessionResponse> {
    return toSessionResponse(await this.sessions.create(eventId, body));
  }

  @Patch(':sessionId')
  @EventRole('organiser')
  @ApiOperation({ summary: 'Change a session; on a published agenda the change is recorded and people are told.' })
  @ApiOkResponse({ type: SessionResponse })
  async update(
    @UuidParam('eventId') eventId: string,
    @UuidParam('sessionId') sessionId: string,
    @Body() body: UpdateSessionDto,
  ): Promise<SessionResponse> {
    return toSessionResponse(await this.sessions.update(eventId, sessionId, body));
  }

  @Delete(':sessionId')
  @HttpCode(204)
  @EventRole('organiser')
  @ApiOperation({ summary: 'Remove a session (prefer status "cancelled" on a published agenda: it stays visible).' })
  @ApiNoContentResponse()
  async remove(@UuidParam('eventId') eventId: string, @UuidParam('sessionId') sessionId: string): Promise<void> {
    await this.sessions.remove(eventId, sessionId);
  }
}
