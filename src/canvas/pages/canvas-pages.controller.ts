import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import { DomainError } from '../../platform/errors/domain-error.js';
import { RateLimit } from '../../platform/http/rate-limit.js';
import { AppConfig } from '../../platform/config/app-config.js';
import { blankForm, formValues, formWithErrors, addError, type FormView, validateAs } from '../../platform/web/form.js';
import { Flash } from '../../platform/web/flash.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { participantClaim } from '../canvas-participants.js';
import type { Canvas } from '../canvas.entity.js';
import { CanvasesService } from '../canvases.service.js';
import { CreateNoteDto } from '../dto/create-note.dto.js';

const MINUTE = 60_000;
/** Served as its own file: the pages' CSP allows scripts from this origin only, never inline. */
const CLIENT_JS = readFileSync(new URL('./canvas.client.js', import.meta.url), 'utf8');
const NOTE_FIELDS = ['section', 'text', 'authorName', 'group'] as const;

/**
 * The phone page for posting notes and the wall for the room's screen. Server-rendered with
 * escaping on (user text is always shown as text), plus one small script that posts in place
 * and follows the live stream; without it the note form posts here and comes back.
 */
@Pages()
@Controller('canvases')
export class CanvasPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly canvases: CanvasesService,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
    private readonly config: AppConfig,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get('assets/canvas.js')
  script(@Res() reply: FastifyReply): void {
    void reply
      .type('application/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(CLIENT_JS);
  }

  @Get(':joinCode')
  @RateLimit({ bucket: 'canvas-read', limit: (c) => c.rateLimitDefault, windowMs: MINUTE, actor: participantClaim })
  async join(@Param('joinCode') joinCode: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.page(joinCode, 'join', request, reply, blankForm());
  }

  @Get(':joinCode/wall')
  @RateLimit({ bucket: 'canvas-read', limit: (c) => c.rateLimitDefault, windowMs: MINUTE, actor: participantClaim })
  async wall(@Param('joinCode') joinCode: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.page(joinCode, 'wall', request, reply, blankForm());
  }

  /** The note form without JavaScript: the same DTO and rules as the API, then back to the page. */
  @Post(':joinCode/notes')
  @RateLimit({ bucket: 'canvas-note', limit: (c) => c.rateLimitCanvasNotes, windowMs: MINUTE, actor: participantClaim })
  async post(
    @Param('joinCode') joinCode: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const m = this.renderer.messages;
    const values = formValues(body, NOTE_FIELDS);
    const checked = await validateAs(CreateNoteDto, optionalBlanksOmitted(values));
    if (!checked.ok) {
      const form = formWithErrors(values, checked.errors, m.canvas.fields, NOTE_FIELDS, m.errors.invalid);
      return this.page(joinCode, 'join', request, reply, form, 400);
    }
    try {
      await this.canvases.postNote(joinCode, checked.value, request, reply);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      return this.page(joinCode, 'join', request, reply, addError(blankForm(values), 'text', error.message), 409);
    }
    return this.flash.redirect(reply, `/canvases/${encodeURIComponent(joinCode)}`, 'notePosted');
  }

  private async page(
    joinCode: string,
    page: 'join' | 'wall',
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormView,
    status?: number,
  ) {
    const m = this.renderer.messages;
    let canvas: Canvas;
    try {
      canvas = await this.canvases.byJoinCode(joinCode);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'not_found') throw error;
      return this.views.send(reply, 'notfound', {}, { title: m.canvas.notFoundTitle, status: 404 });
    }
    const view = await this.canvases.publicView(canvas, request, page === 'join' ? reply : undefined);
    const joinUrl = `${this.config.appUrl.replace(/\/$/, '')}/canvases/${canvas.joinCode}`;
    return this.views.send(
      reply,
      page,
      { canvas: view, joinUrl, form, postTo: `/canvases/${encodeURIComponent(canvas.joinCode)}/notes` },
      {
        title: page === 'wall' ? m.canvas.wallTitle(canvas.title) : canvas.title,
        status,
        wide: page === 'wall',
        scripts: ['/canvases/assets/canvas.js'],
        bodyData: { 'canvas-id': canvas.id, code: canvas.joinCode, seq: canvas.eventSeq, page },
      },
    );
  }
}

/** An optional field left empty in the form is not given (the API would not get it either). */
function optionalBlanksOmitted(values: Record<string, string>): Record<string, string> {
  const given: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value.trim() !== '' || name === 'text' || name === 'section') given[name] = value;
  }
  return given;
}
