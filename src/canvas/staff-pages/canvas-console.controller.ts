import { BadRequestException, Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { participantRequestOf } from '../participant-request.js';
import type { ValidationError } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { AuthUser } from '../../identity/auth-user.js';
import { CurrentUser, EventRole } from '../../identity/decorators/auth.decorators.js';
import { staffEventLayout } from '../../events/event-layout.js';
import { EventsService } from '../../events/events.service.js';
import { AppConfig } from '../../platform/config/app-config.js';
import { clockTime } from '../../platform/web/dates.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { statusForKind } from '../../platform/errors/http-status.js';
import { UuidParam } from '../../platform/http/uuid-param.js';
import { Flash, type FlashKey } from '../../platform/web/flash.js';
import {
  addError,
  blankForm,
  formValues,
  formWithErrors,
  type FormView,
  pageFields,
  validateAs,
} from '../../platform/web/form.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { CanvasExports } from '../canvas-exports.js';
import { CanvasStreams } from '../canvas-streams.js';
import type { Canvas } from '../canvas.entity.js';
import { CanvasesService } from '../canvases.service.js';
import { CreateCanvasDto } from '../dto/create-canvas.dto.js';
import { ExportQuery } from '../dto/export-query.dto.js';
import { FacilitationDto, RenameClusterDto, RevealDto, TimerDto } from '../dto/facilitation.dto.js';
import { SaveTemplateDto } from '../dto/save-template.dto.js';
import { UpdateNoteDto } from '../dto/update-note.dto.js';
import { WriteUpMail } from '../write-up-mail.js';
import { YesNoFields, yesNo } from './canvas-console.dto.js';
import {
  consolePath,
  consoleView,
  ownSections,
  sectionKey,
  wallPath,
  wallView,
  writeUpView,
} from './canvas-console.view.js';

const CREATE_FIELDS = ['title', 'sessionId', 'template', 'sections', 'named', 'dotsPerPerson'] as const;
const NOTE_FIELDS = ['section', 'cluster', 'hidden', 'mergedInto'] as const;

/** The facilitator's wall script: drag and drop, and the wall following the live stream. */
export const WALL_SCRIPT = '/canvases/assets/canvas-wall.js';

/** A whole number typed in a form, else the text as typed (the DTO then refuses it). */
const wholeNumber = (value: string | undefined): number | string | undefined =>
  value === undefined || value.trim() === '' ? undefined : /^\d{1,4}$/.test(value.trim()) ? Number(value) : value;

/** The DTO's refusals inside "own sections" (one line each) count as that one field's. */
const sectionsAsOneField = (errors: ValidationError[]): ValidationError[] =>
  errors.map((error) =>
    error.property === 'sections' ? { ...error, constraints: { sections: 'sections' }, children: [] } : error,
  );

/**
 * The canvas console for an event's team: its canvases with their join codes, a new canvas
 * from a template or with its own sections, and each canvas's wall for the facilitator —
 * moderation forms (each works without JavaScript; with it, notes drag between sections and
 * the wall follows every change live), the posting, timer and reveal controls, the room's
 * presenter view, the exports and the printable write-up.
 */
@Pages({ csrf: true })
@Controller('staff/events/:eventId/canvases')
export class CanvasConsoleController {
  private readonly views: PageViews;

  constructor(
    private readonly canvases: CanvasesService,
    private readonly events: EventsService,
    private readonly exports: CanvasExports,
    private readonly streams: CanvasStreams,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
    private readonly config: AppConfig,
    private readonly writeUpMail: WriteUpMail,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get()
  @EventRole('facilitator')
  list(@UuidParam('eventId') eventId: string, @CurrentUser() user: AuthUser, @Res() reply: FastifyReply) {
    return this.consolePage(reply, user, eventId, blankForm({ dotsPerPerson: '3', template: 'movement-building' }));
  }

  @Post()
  @EventRole('facilitator')
  async create(
    @UuidParam('eventId') eventId: string,
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ) {
    const m = this.renderer.messages.canvasConsole;
    const values = formValues(body, CREATE_FIELDS);
    const sections = ownSections(values.sections);
    const input = await validateAs(CreateCanvasDto, {
      title: values.title ?? '',
      ...(values.sessionId ? { sessionId: values.sessionId } : {}),
      ...(sections ? { sections } : values.template ? { template: values.template } : {}),
      anonymous: values.named !== 'yes',
      dotsPerPerson: wholeNumber(values.dotsPerPerson),
    });
    if (!input.ok) {
      const form = formWithErrors(
        values,
        sectionsAsOneField(input.errors),
        m.fields,
        CREATE_FIELDS,
        m.fields.title.default,
      );
      return this.consolePage(reply, user, eventId, form, 400);
    }
    try {
      const canvas = await this.canvases.create(eventId, input.value, user);
      return this.flash.redirect(reply, wallPath(eventId, canvas.id), 'canvasCreated');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const code = String((error as DomainError).code);
      const field = /session/i.test(code) ? 'sessionId' : /template/i.test(code) ? 'template' : 'sections';
      return this.consolePage(
        reply,
        user,
        eventId,
        addError(blankForm(values), field, error.message),
        statusForKind(error.kind),
      );
    }
  }

  @Get(':canvasId')
  @EventRole('facilitator')
  async wall(
    @UuidParam('eventId') eventId: string,
    @UuidParam('canvasId') canvasId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ) {
    return this.wallPage(reply, user, await this.canvases.inEvent(eventId, canvasId), blankForm());
  }

  /** The facilitator's live stream (every note, hidden ones too), by the staff session. */
  @Get(':canvasId/stream')
  @EventRole('facilitator')
  async stream(
    @UuidParam('eventId') eventId: string,
    @UuidParam('canvasId') canvasId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.streams.stream(await this.canvases.inEvent(eventId, canvasId), request, reply, false);
  }

  /** Move, hide or unhide, cluster, or merge one note: the API's rules, then back to the note. */
  @Post(':canvasId/notes/:noteId')
  @EventRole('facilitator')
  async moderate(
    @UuidParam('eventId') eventId: string,
    @UuidParam('canvasId') canvasId: string,
    @UuidParam('noteId') noteId: string,
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ) {
    const canvas = await this.canvases.inEvent(eventId, canvasId);
    const values = formValues(body, NOTE_FIELDS);
    const { hidden } = await pageFields(YesNoFields, { hidden: values.hidden ?? '' });
    const change = await pageFields(UpdateNoteDto, {
      ...(values.section ? { section: values.section } : {}),
      ...(values.mergedInto ? { mergedInto: values.mergedInto } : {}),
    });
    if (values.cluster !== undefined)
      change.cluster = (await pageFields(UpdateNoteDto, { cluster: values.cluster })).cluster ?? '';
    if (hidden !== undefined) change.hidden = yesNo(hidden);
    if (Object.values(change).every((value) => value === undefined)) return this.badForm();
    return this.act(
      reply,
      user,
      canvas,
      'noteModerated',
      () => this.canvases.updateNote(canvas.id, noteId, change, user),
      `#n-${noteId}`,
    );
  }

  @Post(':canvasId/clusters')
  @EventRole('facilitator')
  async renameCluster(
    @UuidParam('eventId') eventId: string,
    @UuidParam('canvasId') canvasId: string,
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ) {
    const canvas = await this.canvases.inEvent(eventId, canvasId);
    const values = formValues(body, ['from', 'to']);
    const input = await validateAs(RenameClusterDto, { from: values.from ?? '', to: values.to ?? '' });
    if (!input.ok)
      return this.wallPage(reply, user, canvas, blankForm(), 400, this.renderer.messages.canvasConsole.clusterInvalid);
    return this.act(reply, user, canvas, 'clusterRenamed', () =>
      this.canvases.renameCluster(canvas.id, user, input.value),
    );
  }

  @Post(':canvasId/close')
  @EventRole('facilitator')
  async close(
    @UuidParam('eventId') eventId: string,
    @UuidParam('canvasId') canvasId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ) {
    const canvas = await this.canvases.inEvent(eventId, canvasId);
    return this.act(reply, user, canvas, 'canvasClosed', () => this.canvases.setOpen(canvas.id, user, false));
  }

  @Post(':canvasId/reopen')
  @EventRole('facilitator')
  async reopen(
    @UuidParam('eventId') eventId: string,
    @UuidParam('canvasId') canvasId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ) {
    const canvas = await this.canvases.inEvent(eventId, canvasId);
    return this.act(reply, user, canvas, 'canvasReopened', () => this.canvases.setOpen(canvas.id, user, true));
  }

  @Post(':canvasId/timer')
  @EventRole('facilitator')
  async timer(
    @UuidParam('eventId') eventId: string,
    @UuidParam('canvasId') canvasId: string,
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ) {
    const canvas = await this.canvases.inEvent(eventId, canvasId);
    const values = formValues(body, ['minutes', 'label']);
    const input = await validateAs(TimerDto, {
      minutes: wholeNumber(values.minutes),
      ...(values.label?.trim() ? { label: values.label } : {}),
    });
    if (!input.ok)
      return this.wallPage(reply, user, canvas, blankForm(), 400, this.renderer.messages.canvasConsole.timerInvalid);
    return this.act(reply, user, canvas, input.value.minutes > 0 ? 'timerStarted' : 'timerStopped', () =>
      this.canvases.setTimer(canvas.id, user, input.value),
    );
  }

  @Post(':canvasId/facilitation')
  @EventRole('facilitator')
  async facilitation(
    @UuidParam('eventId') eventId: string,
    @UuidParam('canvasId') canvasId: string,
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ) {
    const canvas = await this.canvases.inEvent(eventId, canvasId);
    const fields = await pageFields(YesNoFields, formValues(body, ['writePrivately', 'hideAuthors']));
    const dto = await pageFields(FacilitationDto, {});
    dto.writePrivately = yesNo(fields.writePrivately);
    dto.hideAuthors = yesNo(fields.hideAuthors);
    if (dto.writePrivately === undefined && dto.hideAuthors === undefined) return this.badForm();
    return this.act(reply, user, canvas, 'facilitationSaved', () =>
      this.canvases.setFacilitation(canvas.id, user, dto),
    );
  }

  @Post(':canvasId/reveal')
  @EventRole('facilitator')
  async reveal(
    @UuidParam('eventId') eventId: string,
    @UuidParam('canvasId') canvasId: string,
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ) {
    const canvas = await this.canvases.inEvent(eventId, canvasId);
    const values = formValues(body, ['section', 'revealed']);
    const { revealed } = await pageFields(YesNoFields, { revealed: values.revealed ?? '' });
    const dto = await pageFields(RevealDto, { section: values.section ?? '' });
    dto.revealed = yesNo(revealed) ?? true;
    return this.act(reply, user, canvas, dto.revealed ? 'sectionRevealed' : 'sectionPrivate', () =>
      this.canvases.reveal(canvas.id, user, dto),
    );
  }

  /** Saves the canvas's sections as one of the event's templates, its key made from the title. */
  @Post(':canvasId/template')
  @EventRole('facilitator')
  async saveTemplate(
    @UuidParam('eventId') eventId: string,
    @UuidParam('canvasId') canvasId: string,
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ) {
    const canvas = await this.canvases.inEvent(eventId, canvasId);
    const m = this.renderer.messages.canvasConsole;
    const values = formValues(body, ['templateTitle']);
    const title = values.templateTitle ?? '';
    const input = await validateAs(SaveTemplateDto, { key: sectionKey(title), title });
    if (!input.ok) {
      const form = addError(blankForm(values), 'templateTitle', m.fields.templateTitle.default);
      return this.wallPage(reply, user, canvas, form, 400);
    }
    try {
      await this.canvases.saveAsTemplate(canvas.id, input.value, user);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const form = addError(blankForm(values), 'templateTitle', error.message);
      return this.wallPage(reply, user, canvas, form, statusForKind(error.kind));
    }
    return this.flash.redirect(reply, wallPath(eventId, canvas.id), 'templateSaved');
  }

  /** The room's screen: large type, high contrast, the join code and its QR code, the notes live. */
  @Get(':canvasId/presenter')
  @EventRole('facilitator')
  async presenter(
    @UuidParam('eventId') eventId: string,
    @UuidParam('canvasId') canvasId: string,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const canvas = await this.canvases.inEvent(eventId, canvasId);
    const view = await this.canvases.publicView(canvas, participantRequestOf(request), 'peek');
    const joinUrl = this.joinUrl(canvas);
    // Error correction M and a quiet zone: readable from the back of a room on a projector.
    const qrSvg = await QRCode.toString(joinUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    const m = this.renderer.messages;
    return this.views.send(
      reply,
      'presenter',
      { canvas: view, joinUrl, qrSvg, timerEnds: await this.timeOf(view.timer?.endsAt, eventId) },
      {
        title: m.canvasConsole.presenterTitle(canvas.title),
        wide: true,
        // A closed canvas has no public stream: the screen shows the closed banner and stays still.
        scripts: canvas.status === 'open' ? ['/canvases/assets/canvas.js'] : [],
        bodyData: {
          'canvas-id': canvas.id,
          code: canvas.joinCode,
          seq: canvas.eventSeq,
          page: 'wall',
          presenter: 'yes',
        },
      },
    );
  }

  @Get(':canvasId/export')
  @EventRole('facilitator')
  async export(
    @UuidParam('eventId') eventId: string,
    @UuidParam('canvasId') canvasId: string,
    @Query() query: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const canvas = await this.canvases.inEvent(eventId, canvasId);
    const { format } = await pageFields(ExportQuery, formValues(query, ['format']));
    const file = await this.exports.export(canvas, format ?? 'csv', false);
    await reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="canvas-${canvas.joinCode.toLowerCase()}.${file.extension}"`)
      .header('cache-control', 'no-store')
      .send(file.body);
  }

  /** A page to print (or save as PDF from the browser) and hand out: sections, clusters, dots. */
  @Get(':canvasId/write-up')
  @EventRole('facilitator')
  async writeUp(
    @UuidParam('eventId') eventId: string,
    @UuidParam('canvasId') canvasId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ) {
    const canvas = await this.canvases.inEvent(eventId, canvasId);
    const full = await this.canvases.get(canvas.id, user);
    const m = this.renderer.messages;
    const event = await this.events.get(eventId);
    return this.views.send(
      reply,
      'write-up',
      {
        title: m.canvasConsole.writeUpTitle(canvas.title),
        sections: writeUpView(full),
        backHref: wallPath(eventId, canvas.id),
      },
      { title: m.canvasConsole.writeUpTitle(canvas.title), event: staffEventLayout(event, m), staff: user },
    );
  }

  /** The confirmation step: how many people the write-up would go to. */
  @Get(':canvasId/email-write-up')
  @EventRole('facilitator')
  async confirmEmailWriteUp(
    @UuidParam('eventId') eventId: string,
    @UuidParam('canvasId') canvasId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ) {
    const canvas = await this.canvases.inEvent(eventId, canvasId);
    const m = this.renderer.messages;
    const [event, count] = await Promise.all([this.events.get(eventId), this.writeUpMail.audience(canvas)]);
    const title = m.canvasConsole.emailWriteUpTitle(canvas.title);
    const backHref = wallPath(eventId, canvas.id);
    return this.views.send(
      reply,
      'email-write-up',
      { title, count, action: `${backHref}/email-write-up`, backHref },
      { title, event: staffEventLayout(event, m), staff: user },
    );
  }

  /** One email per delegate who posted; pressing again (or two facilitators at once) adds none. */
  @Post(':canvasId/email-write-up')
  @EventRole('facilitator')
  async emailWriteUp(
    @UuidParam('eventId') eventId: string,
    @UuidParam('canvasId') canvasId: string,
    @Res() reply: FastifyReply,
  ) {
    const canvas = await this.canvases.inEvent(eventId, canvasId);
    await this.writeUpMail.send(canvas);
    return this.flash.redirect(reply, wallPath(eventId, canvas.id), 'writeUpEmailed');
  }

  // ---- internals -----------------------------------------------------------------------

  private badForm(): never {
    throw new BadRequestException('The form was not filled in as the page draws it.');
  }

  /** One change from a form: done → back to the wall with its word; refused → the wall with the reason and the API's status. */
  private async act(
    reply: FastifyReply,
    user: AuthUser,
    canvas: Canvas,
    done: FlashKey,
    work: () => Promise<unknown>,
    anchor = '',
  ) {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const fresh = await this.canvases.inEvent(canvas.eventId, canvas.id);
      return this.wallPage(reply, user, fresh, blankForm(), statusForKind(error.kind), error.message);
    }
    return this.flash.redirect(reply, `${wallPath(canvas.eventId, canvas.id)}${anchor}`, done);
  }

  private async consolePage(reply: FastifyReply, user: AuthUser, eventId: string, form: FormView, status = 200) {
    const m = this.renderer.messages;
    const [event, canvases, templates, sessions] = await Promise.all([
      this.events.get(eventId),
      this.canvases.listForEvent(eventId),
      this.canvases.listTemplates(user, eventId),
      this.canvases.eventSessions(eventId),
    ]);
    return this.views.send(
      reply,
      'console',
      { ...consoleView(eventId, canvases, templates, sessions, m), form },
      {
        title: m.canvasConsole.title,
        event: staffEventLayout(event, m),
        staff: user,
        status,
      },
    );
  }

  private async wallPage(
    reply: FastifyReply,
    user: AuthUser,
    canvas: Canvas,
    templateForm: FormView,
    status = 200,
    notice?: string,
  ) {
    const m = this.renderer.messages;
    const [event, full] = await Promise.all([this.events.get(canvas.eventId), this.canvases.get(canvas.id, user)]);
    const wall = wallView(canvas.eventId, full, this.joinUrl(canvas), m);
    return this.views.send(
      reply,
      'facilitator-wall',
      {
        wall,
        templateForm,
        notice,
        consoleHref: consolePath(canvas.eventId),
        timerEnds: await this.timeOf(wall.timer?.endsAt, canvas.eventId),
      },
      {
        title: m.canvasConsole.wallTitle(canvas.title),
        event: staffEventLayout(event, m),
        staff: user,
        status,
        wide: true,
        scripts: [WALL_SCRIPT],
        bodyData: { stream: `${wallPath(canvas.eventId, canvas.id)}/stream`, seq: canvas.eventSeq },
      },
    );
  }

  private joinUrl(canvas: Canvas): string {
    return `${this.config.appUrl.replace(/\/$/, '')}/canvases/${canvas.joinCode}`;
  }

  private async timeOf(iso: string | undefined, eventId: string): Promise<string> {
    return iso ? clockTime(iso, await this.canvases.timezone(eventId), this.renderer.messages.locale) : '';
  }
}
