import { Body, Controller, Get, Param, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { participantRequestOf, type ParticipantRequest } from '../participant-request.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import { clockTime } from '../../platform/web/dates.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { statusForKind } from '../../platform/errors/http-status.js';
import { RateLimit } from '../../platform/http/rate-limit.js';
import { AppConfig } from '../../platform/config/app-config.js';
import { blankForm, formValues, formWithErrors, addError, type FormView, validateAs } from '../../platform/web/form.js';
import { Flash } from '../../platform/web/flash.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { ActorKind, type ActorClaim } from '../../platform/http/actor-verifiers.js';
import { DelegateResolver } from '../../registrations/access/delegate-resolver.js';
import { LostLinkPages } from '../../registrations/pages/lost-link-pages.js';
import { personalPath } from '../../registrations/pages/personal-page.view.js';
import { participantClaim } from '../canvas-participants.js';
import { JoinCodeGuesses } from '../join-code-guesses.js';
import type { Canvas } from '../canvas.entity.js';
import { CanvasesService } from '../canvases.service.js';
import { CreateNoteDto } from '../dto/create-note.dto.js';

const MINUTE = 60_000;
/** Served as its own file: the pages' CSP allows scripts from this origin only, never inline. */
const CLIENT_JS = readFileSync(new URL('./canvas.client.js', import.meta.url), 'utf8');
const WALL_JS = readFileSync(new URL('../staff-pages/canvas-wall.client.js', import.meta.url), 'utf8');
const NOTE_FIELDS = ['section', 'text', 'authorName', 'group'] as const;

/** A delegate opening a canvas from their personal page: their token (from the path) and name. */
interface AsDelegate {
  token: string;
  name: string;
}

/** Rate-limit claim of the delegate canvas routes: the personal-link token in the path (verified as a bearer). */
const tokenInPath = (request: FastifyRequest): ActorClaim | undefined => {
  const token = (request.params as Record<string, string | undefined>).token;
  return token ? { kind: ActorKind.bearer, value: token } : undefined;
};

/**
 * The phone page for posting notes and the wall for the room's screen. Server-rendered with
 * escaping on (user text is always shown as text), plus one small script that posts in place
 * and follows the live stream; without it the note form posts here and comes back.
 */
@Pages()
@Controller()
export class CanvasPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly canvases: CanvasesService,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
    private readonly config: AppConfig,
    private readonly delegates: DelegateResolver,
    private readonly lostLink: LostLinkPages,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get('canvases/assets/canvas.js')
  script(@Res() reply: FastifyReply): void {
    void reply
      .type('application/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(CLIENT_JS);
  }

  @Get('canvases/assets/canvas-wall.js')
  wallScript(@Res() reply: FastifyReply): void {
    void reply
      .type('application/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(WALL_JS);
  }

  @Get('canvases/:joinCode')
  @UseInterceptors(JoinCodeGuesses)
  @RateLimit({ bucket: 'canvas-read', limit: (c) => c.rateLimitDefault, windowMs: MINUTE, actor: participantClaim })
  async join(@Param('joinCode') joinCode: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.page(joinCode, 'join', request, reply, blankForm());
  }

  @Get('canvases/:joinCode/wall')
  @UseInterceptors(JoinCodeGuesses)
  @RateLimit({ bucket: 'canvas-read', limit: (c) => c.rateLimitDefault, windowMs: MINUTE, actor: participantClaim })
  async wall(@Param('joinCode') joinCode: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.page(joinCode, 'wall', request, reply, blankForm());
  }

  /** The note form without JavaScript: the same DTO and rules as the API, then back to the page. */
  @Post('canvases/:joinCode/notes')
  @UseInterceptors(JoinCodeGuesses)
  @RateLimit({ bucket: 'canvas-note', limit: (c) => c.rateLimitCanvasNotes, windowMs: MINUTE, actor: participantClaim })
  async post(
    @Param('joinCode') joinCode: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.note(joinCode, body, request, reply);
  }

  /**
   * A canvas opened from a delegate's personal page: the page and its note form act as that
   * delegate (a canvas for registered delegates then opens at once, signed with their name).
   */
  @Get('r/:token/canvases/:joinCode')
  @UseInterceptors(JoinCodeGuesses)
  @RateLimit({ bucket: 'canvas-read', limit: (c) => c.rateLimitDefault, windowMs: MINUTE, actor: tokenInPath })
  async joinAsDelegate(
    @Param('token') token: string,
    @Param('joinCode') joinCode: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const delegate = await this.delegates.resolve(token);
    if (!delegate) return this.lostLink.linkNotValid(reply);
    return this.page(joinCode, 'join', request, reply, blankForm(), undefined, { token, name: delegate.name });
  }

  @Post('r/:token/canvases/:joinCode/notes')
  @UseInterceptors(JoinCodeGuesses)
  @RateLimit({ bucket: 'canvas-note', limit: (c) => c.rateLimitCanvasNotes, windowMs: MINUTE, actor: tokenInPath })
  async postAsDelegate(
    @Param('token') token: string,
    @Param('joinCode') joinCode: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const delegate = await this.delegates.resolve(token);
    if (!delegate) return this.lostLink.linkNotValid(reply);
    return this.note(joinCode, body, request, reply, { token, name: delegate.name });
  }

  private async note(joinCode: string, body: unknown, request: FastifyRequest, reply: FastifyReply, as?: AsDelegate) {
    const m = this.renderer.messages;
    const values = formValues(body, NOTE_FIELDS);
    const checked = await validateAs(CreateNoteDto, optionalBlanksOmitted(values));
    if (!checked.ok) {
      const form = formWithErrors(values, checked.errors, m.canvas.fields, NOTE_FIELDS, m.errors.invalid);
      return this.page(joinCode, 'join', request, reply, form, 400, as);
    }
    try {
      await this.canvases.postNote(joinCode, checked.value, this.participant(request, reply, as));
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      const form = addError(blankForm(values), 'text', error.message);
      return this.page(joinCode, 'join', request, reply, form, statusForKind(error.kind), as);
    }
    return this.flash.redirect(reply, this.joinPath(joinCode, as), 'notePosted');
  }

  /** The participant facts of this request; a delegate's page carries their token in its path. */
  private participant(request: FastifyRequest, reply: FastifyReply | undefined, as?: AsDelegate): ParticipantRequest {
    const who = participantRequestOf(request, reply);
    return as ? { ...who, delegateToken: as.token } : who;
  }

  private joinPath(joinCode: string, as?: AsDelegate): string {
    const path = `/canvases/${encodeURIComponent(joinCode)}`;
    return as ? `${personalPath(as.token)}${path}` : path;
  }

  private async page(
    joinCode: string,
    page: 'join' | 'wall',
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormView,
    status?: number,
    as?: AsDelegate,
  ) {
    const m = this.renderer.messages;
    let canvas: Canvas;
    try {
      canvas = await this.canvases.byJoinCode(joinCode);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'not_found') throw error;
      return this.views.send(reply, 'notfound', {}, { title: m.canvas.notFoundTitle, status: 404 });
    }
    // Closed: the phone says so plainly, and the code no longer reads anything of the canvas (not
    // its notes, not its title): to anyone holding only the code it is gone, as the API answers
    // (a note sent as it closed keeps the API's 423).
    if (canvas.status !== 'open') {
      return this.views.send(
        reply,
        'closed',
        { title: m.canvas.closedTitle },
        { title: m.canvas.closedTitle, status: status ?? 404 },
      );
    }
    const view = await this.canvases.publicView(
      canvas,
      this.participant(request, page === 'join' ? reply : undefined, as),
      page === 'join' ? 'join' : 'peek',
    );
    const joinUrl = `${this.config.appUrl.replace(/\/$/, '')}/canvases/${canvas.joinCode}`;
    return this.views.send(
      reply,
      page,
      {
        canvas: view,
        joinUrl,
        timerEnds: view.timer
          ? clockTime(view.timer.endsAt, await this.canvases.timezone(canvas.eventId), m.locale)
          : '',
        form,
        postTo: `${this.joinPath(canvas.joinCode, as)}/notes`,
        delegateName: as && !canvas.anonymous ? as.name : undefined,
        backHref: as ? personalPath(as.token) : undefined,
      },
      {
        title: page === 'wall' ? m.canvas.wallTitle(canvas.title) : canvas.title,
        status,
        wide: page === 'wall',
        personal: as !== undefined,
        scripts: ['/canvases/assets/canvas.js'],
        bodyData: {
          'canvas-id': canvas.id,
          code: canvas.joinCode,
          seq: canvas.eventSeq,
          page,
          ...(as ? { 'delegate-token': as.token } : {}),
        },
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
