import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { UpdateEventDto } from '../../events/dto/update-event.dto.js';
import type { Event } from '../../events/event.entity.js';
import { staffEventLayout } from '../../events/event-layout.js';
import { EventsError } from '../../events/events.errors.js';
import { EventsService } from '../../events/events.service.js';
import { fromLocalInput, toLocalInput } from '../../events/pages/event-pages.view.js';
import type { AuthUser } from '../../identity/auth-user.js';
import { CurrentUser, EventRole } from '../../identity/decorators/auth.decorators.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { statusForKind } from '../../platform/errors/http-status.js';
import { UuidParam } from '../../platform/http/uuid-param.js';
import { Flash } from '../../platform/web/flash.js';
import { addError, blankForm, type FormView, formValues, formWithErrors, validateAs } from '../../platform/web/form.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { SessionsService } from '../sessions.service.js';
import { SpeakersService } from '../speakers.service.js';
import { agendaPath } from './agenda-builder.view.js';
import { RESCHEDULE_FIELDS, rescheduleConfirmView } from './reschedule.view.js';

/**
 * Reschedule the whole event: new dates, then a confirmation that says how far it moves, how
 * many sessions move with it and who is told; confirming is the API's update with
 * `moveSessions` (one transaction: the sessions, their SEQUENCE, the reminders and the change
 * notices follow). Organisers, as for the event's details.
 */
@Pages({ csrf: true })
@Controller('staff/events/:eventId/reschedule')
export class ReschedulePagesController {
  private readonly views: PageViews;

  constructor(
    private readonly events: EventsService,
    private readonly sessions: SessionsService,
    private readonly speakers: SpeakersService,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  /** The form, filled with the event's dates or with those the edit page was given (`?startsAt=&endsAt=`). */
  @Get()
  @EventRole('organiser')
  async form(
    @UuidParam('eventId') eventId: string,
    @Query() query: unknown,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const event = await this.events.get(eventId);
    const given = formValues(query, RESCHEDULE_FIELDS);
    const values = {
      startsAt: given.startsAt ?? toLocalInput(event.startsAt, event.timezone),
      endsAt: given.endsAt ?? toLocalInput(event.endsAt, event.timezone),
    };
    return this.formPage(reply, user, event, blankForm(values));
  }

  @Post()
  @HttpCode(200)
  @EventRole('organiser')
  async submit(
    @UuidParam('eventId') eventId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const event = await this.events.get(eventId);
    const values = formValues(body, [...RESCHEDULE_FIELDS, 'confirm']);
    const dates = { startsAt: values.startsAt ?? '', endsAt: values.endsAt ?? '' };
    const input = await validateAs(UpdateEventDto, {
      startsAt: fromLocalInput(dates.startsAt, event.timezone) ?? '',
      endsAt: fromLocalInput(dates.endsAt, event.timezone) ?? '',
    });
    if (!input.ok) {
      const fields = this.renderer.messages.agendaBuilder.reschedule.fields;
      const form = formWithErrors(dates, input.errors, fields, RESCHEDULE_FIELDS, fields.startsAt.default);
      return this.formPage(reply, user, event, form, 400);
    }
    if (values.confirm !== 'yes') return this.confirmPage(reply, user, event, input.value, dates);
    try {
      await this.events.update(eventId, {
        startsAt: input.value.startsAt,
        endsAt: input.value.endsAt,
        moveSessions: true,
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const code: string = (error as DomainError).code;
      const field = code === (EventsError.InvalidDates as string) ? 'endsAt' : 'startsAt';
      return this.formPage(
        reply,
        user,
        event,
        addError(blankForm(dates), field, error.message),
        statusForKind(error.kind),
      );
    }
    return this.flash.redirect(reply, agendaPath(eventId), 'eventRescheduled');
  }

  private async confirmPage(
    reply: FastifyReply,
    user: AuthUser,
    event: Event,
    input: UpdateEventDto,
    dates: Record<string, string>,
  ): Promise<FastifyReply> {
    const [sessions, speakers, delegates] = await Promise.all([
      this.sessions.agendaOf(event.id),
      this.speakers.list(event.id),
      this.events.audience(event.id),
    ]);
    const m = this.renderer.messages;
    const view = rescheduleConfirmView(
      event,
      { startsAt: new Date(input.startsAt!), endsAt: new Date(input.endsAt!) },
      { ...delegates, speakersWithEmail: speakers.filter((s) => s.email).length, sessions: sessions.length },
      m,
    );
    const model = { ...view, dates, action: `/staff/events/${event.id}/reschedule` };
    return this.views.send(reply, 'reschedule-confirm', model, {
      title: m.agendaBuilder.reschedule.confirmTitle,
      event: staffEventLayout(event, m),
      staff: user,
    });
  }

  private formPage(reply: FastifyReply, user: AuthUser, event: Event, form: FormView, status = 200) {
    const m = this.renderer.messages;
    const model = {
      form,
      action: `/staff/events/${event.id}/reschedule`,
      back: agendaPath(event.id),
      timeHint: m.staff.events.timeHint(event.timezone),
    };
    return this.views.send(reply, 'reschedule', model, {
      title: m.agendaBuilder.reschedule.title,
      event: staffEventLayout(event, m),
      staff: user,
      status,
    });
  }
}
