import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { Participant, type ParticipantRequest } from './participant-request.js';
import { ApiAnonymousAllowed, ApiFileResponse } from '../platform/http/openapi-document.js';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../identity/auth-user.js';
import { CurrentUser, EventRole, Staff } from '../identity/decorators/auth.decorators.js';
import { StaffAuthenticator } from '../identity/staff-authenticator.js';
import { commonError, CommonError } from '../platform/errors/common.errors.js';
import { UuidParam } from '../platform/http/uuid-param.js';
import { RateLimit } from '../platform/http/rate-limit.js';
import { CanvasExports } from './canvas-exports.js';
import { participantClaim } from './canvas-participants.js';
import { CanvasStreams } from './canvas-streams.js';
import { JoinCodeGuesses } from './join-code-guesses.js';
import { CanvasesService } from './canvases.service.js';
import {
  CanvasResponse,
  CanvasSummaryResponse,
  ClustersRenamedResponse,
  DotResponse,
  NoteResponse,
  PublicCanvasResponse,
  TemplateResponse,
} from './dto/canvas.response.js';
import { CreateCanvasDto } from './dto/create-canvas.dto.js';
import { CreateNoteDto } from './dto/create-note.dto.js';
import { ExportQuery, StreamQuery } from './dto/export-query.dto.js';
import { FacilitationDto, RenameClusterDto, RevealDto, TimerDto } from './dto/facilitation.dto.js';
import { SaveTemplateDto } from './dto/save-template.dto.js';
import { TemplatesQuery } from './dto/templates-query.dto.js';
import { UpdateNoteDto } from './dto/update-note.dto.js';

const MINUTE = 60_000;

/** Facilitators' routes and the participants' join-code routes of the workshop canvas. */
/**
 * The join-code routes are under /api/canvas-join/: under /api/canvases/join/ they could be read
 * as sub-paths of a canvas id (beside /api/canvases/{canvasId}/close). Those first addresses still
 * answer, for clients written before, but are left out of the OpenAPI document.
 */
export const FORMER_JOIN_PATHS = '/api/canvases/join/';

@ApiTags('canvas')
@Controller('api')
export class CanvasesController {
  constructor(
    private readonly canvases: CanvasesService,
    private readonly exports: CanvasExports,
    private readonly streams: CanvasStreams,
    private readonly staffAuth: StaffAuthenticator,
  ) {}

  @ApiCreatedResponse({ type: CanvasSummaryResponse })
  @Post('events/:eventId/canvases')
  @EventRole('facilitator')
  @ApiOperation({
    summary: 'Open a canvas for a session or the whole event, from a template or with its own sections.',
  })
  create(
    @UuidParam('eventId') eventId: string,
    @Body() body: CreateCanvasDto,
    @CurrentUser() user: AuthUser,
  ): Promise<CanvasSummaryResponse> {
    return this.canvases.create(eventId, body, user);
  }

  @ApiOkResponse({ type: [CanvasSummaryResponse] })
  @Get('events/:eventId/canvases')
  @EventRole('facilitator')
  @ApiOperation({ summary: "An event's canvases with their join codes, newest first." })
  list(@UuidParam('eventId') eventId: string): Promise<CanvasSummaryResponse[]> {
    return this.canvases.listForEvent(eventId);
  }

  @ApiOkResponse({ type: CanvasSummaryResponse })
  @Post('canvases/:canvasId/timer')
  @HttpCode(200)
  @Staff()
  @ApiOperation({ summary: "Start the current step's timer on every screen (minutes from now; 0 stops it)." })
  timer(
    @UuidParam('canvasId') canvasId: string,
    @Body() body: TimerDto,
    @CurrentUser() user: AuthUser,
  ): Promise<CanvasSummaryResponse> {
    return this.canvases.setTimer(canvasId, user, body);
  }

  @ApiOkResponse({ type: CanvasSummaryResponse })
  @Patch('canvases/:canvasId/facilitation')
  @Staff()
  @ApiOperation({ summary: "Write privately then reveal, and hide authors' names on the screens." })
  facilitation(
    @UuidParam('canvasId') canvasId: string,
    @Body() body: FacilitationDto,
    @CurrentUser() user: AuthUser,
  ): Promise<CanvasSummaryResponse> {
    return this.canvases.setFacilitation(canvasId, user, body);
  }

  @ApiOkResponse({ type: CanvasSummaryResponse })
  @Post('canvases/:canvasId/reveal')
  @HttpCode(200)
  @Staff()
  @ApiOperation({ summary: "Reveal a section's notes on the screens (revealed: false makes it private again)." })
  reveal(
    @UuidParam('canvasId') canvasId: string,
    @Body() body: RevealDto,
    @CurrentUser() user: AuthUser,
  ): Promise<CanvasSummaryResponse> {
    return this.canvases.reveal(canvasId, user, body);
  }

  @ApiOkResponse({ type: ClustersRenamedResponse })
  @Post('canvases/:canvasId/clusters/rename')
  @HttpCode(200)
  @Staff()
  @ApiOperation({ summary: 'Relabel a cluster on every note that has it ("" takes the label off).' })
  renameCluster(
    @UuidParam('canvasId') canvasId: string,
    @Body() body: RenameClusterDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ClustersRenamedResponse> {
    return this.canvases.renameCluster(canvasId, user, body);
  }

  @ApiOkResponse({ type: [TemplateResponse] })
  @Get('canvas-templates')
  @Staff()
  @ApiOperation({ summary: "The canvas templates to start from: built-in, shared, and an event's own." })
  templates(@Query() query: TemplatesQuery, @CurrentUser() user: AuthUser): Promise<TemplateResponse[]> {
    return this.canvases.listTemplates(user, query.eventId);
  }

  @ApiOkResponse({ type: CanvasResponse, description: 'Sections with their notes.' })
  @Get('canvases/:canvasId')
  @Staff()
  @ApiOperation({ summary: 'A canvas with its sections and every note, hidden ones included (facilitators).' })
  get(@UuidParam('canvasId') canvasId: string, @CurrentUser() user: AuthUser): Promise<CanvasResponse> {
    return this.canvases.get(canvasId, user);
  }

  @ApiCreatedResponse({ type: TemplateResponse, description: "Saves this canvas's sections as a template." })
  @Post('canvases/:canvasId/templates')
  @Staff()
  @ApiOperation({ summary: "Save this canvas's sections as a template." })
  saveAsTemplate(
    @UuidParam('canvasId') canvasId: string,
    @Body() body: SaveTemplateDto,
    @CurrentUser() user: AuthUser,
  ): Promise<TemplateResponse> {
    return this.canvases.saveAsTemplate(canvasId, body, user);
  }

  @ApiOkResponse({ type: NoteResponse })
  @Patch('canvases/:canvasId/notes/:noteId')
  @Staff()
  @ApiOperation({ summary: 'Moderate a note: hide or show it, move it, merge it into another.' })
  updateNote(
    @UuidParam('canvasId') canvasId: string,
    @UuidParam('noteId') noteId: string,
    @Body() body: UpdateNoteDto,
    @CurrentUser() user: AuthUser,
  ): Promise<NoteResponse> {
    return this.canvases.updateNote(canvasId, noteId, body, user);
  }

  @ApiOkResponse({ type: CanvasSummaryResponse })
  @Post('canvases/:canvasId/close')
  @HttpCode(200)
  @Staff()
  @ApiOperation({ summary: 'Close the canvas: no more notes or dots.' })
  close(@UuidParam('canvasId') canvasId: string, @CurrentUser() user: AuthUser): Promise<CanvasSummaryResponse> {
    return this.canvases.setOpen(canvasId, user, false);
  }

  @ApiOkResponse({ type: CanvasSummaryResponse })
  @Post('canvases/:canvasId/reopen')
  @HttpCode(200)
  @Staff()
  @ApiOperation({ summary: 'Open a closed canvas again.' })
  reopen(@UuidParam('canvasId') canvasId: string, @CurrentUser() user: AuthUser): Promise<CanvasSummaryResponse> {
    return this.canvases.setOpen(canvasId, user, true);
  }

  @Get('canvases/:canvasId/export')
  @Staff()
  @ApiProduces(
    'text/csv',
    'application/json',
    'text/markdown',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  @ApiOperation({ summary: 'Export the notes as CSV, JSON, Markdown or XLSX (format=…).' })
  @ApiOkResponse({
    description: 'The export file, as an attachment.',
    content: {
      'text/csv': { schema: { type: 'string' } },
      'application/json': { schema: { type: 'object', additionalProperties: true } },
      'text/markdown': { schema: { type: 'string' } },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
        schema: { type: 'string', format: 'binary' },
      },
    },
  })
  async export(
    @UuidParam('canvasId') canvasId: string,
    @Query() query: ExportQuery,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const canvas = await this.canvases.requireFacilitated(canvasId, user);
    const file = await this.exports.export(canvas, query.format ?? 'csv', query.includeHidden ?? false);
    const name = `canvas-${canvas.joinCode.toLowerCase()}.${file.extension}`;
    await reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(file.body);
  }

  /** Server-sent events: facilitators with their token, the public wall with `?code=`. */
  @Get('canvases/:canvasId/stream')
  // A room of phones shares the venue's address: count each participant, the IP only as a backstop.
  @UseInterceptors(JoinCodeGuesses)
  @RateLimit({ bucket: 'canvas-read', limit: (c) => c.rateLimitDefault, windowMs: MINUTE, actor: participantClaim })
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary: 'Live notes and dots as server-sent events: facilitators with their token, the wall with ?code=.',
  })
  @ApiBearerAuth('staff')
  @ApiAnonymousAllowed()
  @ApiFileResponse('text/event-stream', 'Server-sent events, one per change, with ids to resume from (Last-Event-ID).')
  async stream(
    @UuidParam('canvasId') canvasId: string,
    @Query() query: StreamQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (query.code !== undefined) {
      await this.streams.stream(await this.canvases.byIdAndCode(canvasId, query.code), request, reply, true);
      return;
    }
    const user = await this.staff(request);
    if (!user) throw commonError(CommonError.Unauthorized, "Open the wall with the canvas's code, or log in.");
    await this.streams.stream(await this.canvases.requireFacilitated(canvasId, user), request, reply, false);
  }

  @ApiOkResponse({ type: PublicCanvasResponse, description: 'What a participant sees (public with the code).' })
  @Get(['canvas-join/:joinCode', 'canvases/join/:joinCode'])
  @UseInterceptors(JoinCodeGuesses)
  @RateLimit({ bucket: 'canvas-read', limit: (c) => c.rateLimitDefault, windowMs: MINUTE, actor: participantClaim })
  @ApiOperation({ summary: 'What a participant sees, by the join code shown in the room.' })
  async joinView(
    @Param('joinCode') joinCode: string,
    @Participant() who: ParticipantRequest,
  ): Promise<PublicCanvasResponse> {
    return this.canvases.publicView(await this.canvases.openByJoinCode(joinCode), who, 'join');
  }

  @Post(['canvas-join/:joinCode/notes', 'canvases/join/:joinCode/notes'])
  @UseInterceptors(JoinCodeGuesses)
  @RateLimit({ bucket: 'canvas-note', limit: (c) => c.rateLimitCanvasNotes, windowMs: MINUTE, actor: participantClaim })
  @ApiCreatedResponse({ type: NoteResponse, description: 'The note, as the wall shows it.' })
  @ApiOperation({ summary: 'Post a note by the join code (as a participant, or as a signed-in delegate).' })
  postNote(
    @Param('joinCode') joinCode: string,
    @Body() body: CreateNoteDto,
    @Participant() who: ParticipantRequest,
  ): Promise<NoteResponse> {
    return this.canvases.postNote(joinCode, body, who);
  }

  @ApiCreatedResponse({ type: DotResponse })
  @Post(['canvas-join/:joinCode/notes/:noteId/dots', 'canvases/join/:joinCode/notes/:noteId/dots'])
  @UseInterceptors(JoinCodeGuesses)
  @RateLimit({ bucket: 'canvas-dot', limit: (c) => c.rateLimitCanvasDots, windowMs: MINUTE, actor: participantClaim })
  @ApiOperation({ summary: 'Give a note a dot (a vote); once per participant and note.' })
  dot(
    @Param('joinCode') joinCode: string,
    @UuidParam('noteId') noteId: string,
    @Participant() who: ParticipantRequest,
  ): Promise<DotResponse> {
    return this.canvases.dot(joinCode, noteId, who);
  }

  private async staff(request: FastifyRequest): Promise<AuthUser | undefined> {
    return this.staffAuth.fromBearer(request);
  }
}
