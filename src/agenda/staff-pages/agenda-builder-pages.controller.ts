import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DateTime } from 'luxon';
import type { Event } from '../../events/event.entity.js';
import { staffEventLayout } from '../../events/event-layout.js';
import { EventsService } from '../../events/events.service.js';
import type { AuthUser } from '../../identity/auth-user.js';
import { CurrentUser, EventRole } from '../../identity/decorators/auth.decorators.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { statusForKind } from '../../platform/errors/http-status.js';
import { UuidParam } from '../../platform/http/uuid-param.js';
import { Flash } from '../../platform/web/flash.js';
import { addError, blankForm, type FormView, formValues, formWithErrors, validateAs } from '../../platform/web/form.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import type { AgendaSession } from '../agenda-session.entity.js';
import { AgendaChangesService } from '../agenda-changes.service.js';
import { CreateSessionDto, UpdateSessionDto } from '../dto/create-session.dto.js';
import { SessionsError } from '../sessions.errors.js';
import { SessionsService } from '../sessions.service.js';
import { SpeakersService } from '../speakers.service.js';
import { agendaBuilderView, agendaPath } from './agenda-builder.view.js';
import {
  postedSpeakerIds,
  SESSION_FIELDS,
  sessionFormModel,
  sessionFormValues,
  sessionInput,
} from './session-form.view.js';

/** Which field a rule's refusal belongs beside (the message names the other session). */
const FIELD_OF_ERROR: Partial<Record<string, string>> = {
  [SessionsError.InvalidTimes]: 'endsAt',
  [SessionsError.OutsideEvent]: 'startsAt',
  [SessionsError.RoomClash]: 'room',
  [SessionsError.SpeakerClash]: 'speakerIds',
  [SessionsError.UnknownSpeaker]: 'speakerIds',
};

/** How many recorded changes the page lists (newest first). */
const CHANGES_SHOWN = 20;

/**
 * The organisers' agenda builder: the agenda as a day-by-room grid and a list, and the forms
 * to add, edit (retime, move to another room), cancel, reinstate and delete a session. The
 * API's guard and SessionsService with the same DTOs, so the same rules refuse the same things.
 */
@Pages({ csrf: true })
@Controller('staff/events/:eventId/agenda')
export class AgendaBuilderPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly sessions: SessionsService,
    private readonly speakers: SpeakersService,
    private readonly changes: AgendaChangesService,
    private readonly events: EventsService,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get()
  @EventRole('organiser')
  async agenda(
    @UuidParam('eventId') eventId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const event = await this.events.get(eventId);
    const published = event.publishedAt !== null;
    const [sessions, changes, pending] = await Promise.all([
      this.sessions.agendaOf(eventId),
      published ? this.changes.list(eventId, { limit: CHANGES_SHOWN, offset: 0 }) : undefined,
      published ? this.changes.pendingEmails(eventId) : undefined,
    ]);
    const view = agendaBuilderView(event, sessions, changes, pending, this.renderer.messages);
    return this.views.send(reply, 'agenda-builder', view, {
      title: (m) => m.agendaBuilder.title,
      event: staffEventLayout(event, this.renderer.messages),
      staff: user,
      wide: true,
    });
  }

  @Get('sessions/new')
  @EventRole('organiser')
  async newSession(
    @UuidParam('eventId') eventId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const event = await this.events.get(eventId);
    const zone = event.timezone;
    const start = DateTime.fromJSDate(event.startsAt, { zone });
    const values = {
      kind: 'talk',
      startsAt: start.toFormat("yyyy-LL-dd'T'HH:mm"),
      endsAt: start.plus({ hours: 1 }).toFormat("yyyy-LL-dd'T'HH:mm"),
    };
    return this.sessionForm(reply, user, event, undefined, blankForm(values), []);
  }

  @Post('sessions/new')
  @HttpCode(200)
  @EventRole('organiser')
  async create(
    @UuidParam('eventId') eventId: string,
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const event = await this.events.get(eventId);
    const values = formValues(body, SESSION_FIELDS);
    const ticked = postedSpeakerIds(body);
    const input = await validateAs(CreateSessionDto, sessionInput(values, ticked, event.timezone));
    if (!input.ok)
      return this.sessionForm(reply, user, event, undefined, this.invalid(values, input.errors), ticked, 400);
    try {
      await this.sessions.create(eventId, input.value);
    } catch (error) {
      return this.refused(error, values, (form, status) =>
        this.sessionForm(reply, user, event, undefined, form, ticked, status),
      );
    }
    return this.flash.redirect(reply, agendaPath(eventId), 'sessionAdded');
  }

  @Get('sessions/:sessionId')
  @EventRole('organiser')
  async editSession(
    @UuidParam('eventId') eventId: string,
    @UuidParam('sessionId') sessionId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const [event, session] = await Promise.all([this.events.get(eventId), this.sessions.get(eventId, sessionId)]);
    const form = blankForm(sessionFormValues(session, event.timezone));
    return this.sessionForm(
      reply,
      user,
      event,
      session,
      form,
      session.speakers.map((s) => s.id),
    );
  }

  @Post('sessions/:sessionId')
  @HttpCode(200)
  @EventRole('organiser')
  async update(
    @UuidParam('eventId') eventId: string,
    @UuidParam('sessionId') sessionId: string,
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const [event, session] = await Promise.all([this.events.get(eventId), this.sessions.get(eventId, sessionId)]);
    const values = formValues(body, SESSION_FIELDS);
    const ticked = postedSpeakerIds(body);
    const input = await validateAs(UpdateSessionDto, sessionInput(values, ticked, event.timezone));
    if (!input.ok)
      return this.sessionForm(reply, user, event, session, this.invalid(values, input.errors), ticked, 400);
    try {
      await this.sessions.update(eventId, sessionId, input.value);
    } catch (error) {
      return this.refused(error, values, (form, status) =>
        this.sessionForm(reply, user, event, session, form, ticked, status),
      );
    }
    return this.flash.redirect(reply, agendaPath(eventId), 'sessionSaved');
  }

  @Post('sessions/:sessionId/cancel')
  @HttpCode(200)
  @EventRole('organiser')
  cancel(
    @UuidParam('eventId') eventId: string,
    @UuidParam('sessionId') sessionId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.setStatus(reply, user, eventId, sessionId, 'cancelled');
  }

  /** Back on the agenda: the same rules as a new slot (its room or a speaker may be taken by now). */
  @Post('sessions/:sessionId/reinstate')
  @HttpCode(200)
  @EventRole('organiser')
  reinstate(
    @UuidParam('eventId') eventId: string,
    @UuidParam('sessionId') sessionId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.setStatus(reply, user, eventId, sessionId, 'scheduled');
  }

  @Get('sessions/:sessionId/delete')
  @EventRole('organiser')
  async confirmDelete(
    @UuidParam('eventId') eventId: string,
    @UuidParam('sessionId') sessionId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const [event, session] = await Promise.all([this.events.get(eventId), this.sessions.get(eventId, sessionId)]);
    const m = this.renderer.messages.agendaBuilder.deleteConfirm;
    const model = {
      eventId,
      session: { id: session.id, title: session.title },
      what: event.publishedAt === null ? m.draft : m.published,
      action: `${agendaPath(eventId)}/sessions/${session.id}/delete`,
      back: `${agendaPath(eventId)}/sessions/${session.id}`,
    };
    return this.views.send(reply, 'session-delete', model, {
      title: m.title,
      event: staffEventLayout(event, this.renderer.messages),
      staff: user,
    });
  }

  @Post('sessions/:sessionId/delete')
  @EventRole('organiser')
  async remove(
    @UuidParam('eventId') eventId: string,
    @UuidParam('sessionId') sessionId: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    await this.sessions.remove(eventId, sessionId);
    return this.flash.redirect(reply, agendaPath(eventId), 'sessionDeleted');
  }

  private async setStatus(
    reply: FastifyReply,
    user: AuthUser,
    eventId: string,
    sessionId: string,
    status: AgendaSession['status'],
  ): Promise<FastifyReply> {
    const [event, session] = await Promise.all([this.events.get(eventId), this.sessions.get(eventId, sessionId)]);
    try {
      await this.sessions.update(eventId, sessionId, { status });
    } catch (error) {
      const values = sessionFormValues(session, event.timezone);
      return this.refused(error, values, (form, code) =>
        this.sessionForm(
          reply,
          user,
          event,
          session,
          form,
          session.speakers.map((s) => s.id),
          code,
        ),
      );
    }
    return this.flash.redirect(
      reply,
      `${agendaPath(eventId)}/sessions/${sessionId}`,
      status === 'cancelled' ? 'sessionCancelled' : 'sessionReinstated',
    );
  }

  private invalid(values: Record<string, string>, errors: Parameters<typeof formWithErrors>[1]): FormView {
    const fields = this.renderer.messages.agendaBuilder.form.fields;
    return formWithErrors(values, errors, fields, SESSION_FIELDS, fields.title.default);
  }

  /** A rule's refusal beside its field, the input kept, the API's status (409 clash, 422 outside the dates). */
  private refused(
    error: unknown,
    values: Record<string, string>,
    show: (form: FormView, status: number) => FastifyReply | Promise<FastifyReply>,
  ): FastifyReply | Promise<FastifyReply> {
    if (!(error instanceof DomainError)) throw error;
    const code: string = (error as DomainError).code;
    return show(addError(blankForm(values), FIELD_OF_ERROR[code] ?? 'title', error.message), statusForKind(error.kind));
  }

  private async sessionForm(
    reply: FastifyReply,
    user: AuthUser,
    event: Event,
    session: AgendaSession | undefined,
    form: FormView,
    ticked: string[],
    status = 200,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const words = m.agendaBuilder.form;
    const base = agendaPath(event.id);
    const model = {
      ...sessionFormModel(form, ticked, await this.speakers.list(event.id), event.timezone, m),
      heading: session ? words.editTitle : words.addTitle,
      action: session ? `${base}/sessions/${session.id}` : `${base}/sessions/new`,
      button: session ? words.saveButton : words.addButton,
      back: base,
      speakersHref: `/staff/events/${event.id}/speakers`,
      session: session
        ? {
            cancelled: session.status === 'cancelled',
            cancel: `${base}/sessions/${session.id}/cancel`,
            reinstate: `${base}/sessions/${session.id}/reinstate`,
            delete: `${base}/sessions/${session.id}/delete`,
          }
        : undefined,
    };
    return this.views.send(reply, 'session-form', model, {
      title: model.heading,
      event: staffEventLayout(event, m),
      staff: user,
      status,
    });
  }
}
