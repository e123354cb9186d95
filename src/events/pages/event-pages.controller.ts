import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../identity/auth-user.js';
import { CurrentUser, EventRole, Staff } from '../../identity/decorators/auth.decorators.js';
import { EventAccessService } from '../../identity/event-access.service.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { statusForKind } from '../../platform/errors/http-status.js';
import { UuidParam } from '../../platform/http/uuid-param.js';
import { Flash, type FlashKey } from '../../platform/web/flash.js';
import { addError, blankForm, type FormView, formValues, formWithErrors, validateAs } from '../../platform/web/form.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { AddMemberDto } from '../dto/add-member.dto.js';
import { CreateEventDto } from '../dto/create-event.dto.js';
import { UpdateEventDto } from '../dto/update-event.dto.js';
import type { Event } from '../event.entity.js';
import { EventsError } from '../events.errors.js';
import { EventsService } from '../events.service.js';
import {
  confirmView,
  EVENT_FIELDS,
  eventFormValues,
  eventInput,
  eventPageView,
  type StatusAction,
} from './event-pages.view.js';

/** Which field a rule's refusal belongs beside. */
const FIELD_OF_ERROR: Partial<Record<string, string>> = {
  [EventsError.SlugTaken]: 'slug',
  [EventsError.InvalidSlug]: 'slug',
  [EventsError.InvalidTimezone]: 'timezone',
  [EventsError.InvalidDates]: 'endsAt',
  [EventsError.SessionsOutsideDates]: 'startsAt',
};

const MEMBER_FIELDS = ['email', 'role'] as const;

const DONE: Record<StatusAction, FlashKey> = {
  publish: 'eventPublished',
  unpublish: 'eventUnpublished',
  cancel: 'eventCancelled',
};

/**
 * An event's staff pages: create it, edit its details, its team, and publish / back to draft /
 * cancel through a confirmation that says who is emailed. The same guards as the API's routes
 * decide who may; the forms call the same service with the same DTOs.
 */
@Pages({ csrf: true })
@Controller('staff/events')
export class EventPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly events: EventsService,
    private readonly access: EventAccessService,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get('new')
  @Staff()
  createPage(@CurrentUser() user: AuthUser, @Res() reply: FastifyReply): FastifyReply {
    return this.eventForm(reply, user, undefined, blankForm({ timezone: 'Europe/London' }));
  }

  @Post('new')
  @HttpCode(200)
  @Staff()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const values = formValues(body, EVENT_FIELDS);
    const input = await validateAs(CreateEventDto, eventInput(values));
    if (!input.ok) return this.eventForm(reply, user, undefined, this.invalid(values, input.errors), 400);
    try {
      const event = await this.events.create(user, input.value);
      return this.flash.redirect(reply, `/staff/events/${event.id}`, 'eventCreated');
    } catch (error) {
      return this.refused(error, (form, status) => this.eventForm(reply, user, undefined, form, status), values);
    }
  }

  @Get(':eventId')
  @EventRole('facilitator')
  async eventPage(
    @CurrentUser() user: AuthUser,
    @UuidParam('eventId') eventId: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.overview(reply, user, await this.events.get(eventId), blankForm({ role: 'facilitator' }));
  }

  @Get(':eventId/edit')
  @EventRole('organiser')
  async editPage(
    @CurrentUser() user: AuthUser,
    @UuidParam('eventId') eventId: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const event = await this.events.get(eventId);
    return this.eventForm(reply, user, event, blankForm(eventFormValues(event)));
  }

  @Post(':eventId/edit')
  @HttpCode(200)
  @EventRole('organiser')
  async edit(
    @CurrentUser() user: AuthUser,
    @UuidParam('eventId') eventId: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const event = await this.events.get(eventId);
    const values = formValues(body, EVENT_FIELDS);
    const input = await validateAs(UpdateEventDto, eventInput(values));
    if (!input.ok) return this.eventForm(reply, user, event, this.invalid(values, input.errors), 400);
    try {
      await this.events.update(eventId, input.value);
      return this.flash.redirect(reply, `/staff/events/${eventId}`, 'eventSaved');
    } catch (error) {
      return this.refused(error, (form, status) => this.eventForm(reply, user, event, form, status), values);
    }
  }

  @Post(':eventId/members')
  @HttpCode(200)
  @EventRole('organiser')
  async addMember(
    @CurrentUser() user: AuthUser,
    @UuidParam('eventId') eventId: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const event = await this.events.get(eventId);
    const m = this.renderer.messages.staff.events;
    const values = formValues(body, MEMBER_FIELDS);
    const input = await validateAs(AddMemberDto, values);
    if (!input.ok) {
      const form = formWithErrors(values, input.errors, m.memberFields, MEMBER_FIELDS, m.memberFields.email.default);
      return this.overview(reply, user, event, form, 400);
    }
    try {
      await this.events.addMember(eventId, input.value.email, input.value.role);
      return this.flash.redirect(reply, `/staff/events/${eventId}`, 'memberAdded');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const form = addError(blankForm(values), 'email', error.message);
      return this.overview(reply, user, event, form, statusForKind(error.kind));
    }
  }

  @Post(':eventId/members/:userId/remove')
  @HttpCode(200)
  @EventRole('organiser')
  async removeMember(
    @CurrentUser() user: AuthUser,
    @UuidParam('eventId') eventId: string,
    @UuidParam('userId') userId: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const event = await this.events.get(eventId);
    try {
      await this.events.removeMember(eventId, userId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const form = addError(blankForm({ role: 'facilitator' }), 'email', error.message);
      return this.overview(reply, user, event, form, statusForKind(error.kind));
    }
    // Removing oneself leaves nothing to see here.
    return this.flash.redirect(reply, userId === user.id ? '/staff' : `/staff/events/${eventId}`, 'memberRemoved');
  }

  @Get(':eventId/publish')
  @EventRole('organiser')
  confirmPublish(@UuidParam('eventId') eventId: string, @CurrentUser() user: AuthUser, @Res() reply: FastifyReply) {
    return this.confirm(reply, user, eventId, 'publish');
  }

  @Post(':eventId/publish')
  @EventRole('organiser')
  publish(@UuidParam('eventId') eventId: string, @CurrentUser() user: AuthUser, @Res() reply: FastifyReply) {
    return this.change(reply, user, eventId, 'publish');
  }

  @Get(':eventId/unpublish')
  @EventRole('organiser')
  confirmUnpublish(@UuidParam('eventId') eventId: string, @CurrentUser() user: AuthUser, @Res() reply: FastifyReply) {
    return this.confirm(reply, user, eventId, 'unpublish');
  }

  @Post(':eventId/unpublish')
  @EventRole('organiser')
  unpublish(@UuidParam('eventId') eventId: string, @CurrentUser() user: AuthUser, @Res() reply: FastifyReply) {
    return this.change(reply, user, eventId, 'unpublish');
  }

  @Get(':eventId/cancel')
  @EventRole('organiser')
  confirmCancel(@UuidParam('eventId') eventId: string, @CurrentUser() user: AuthUser, @Res() reply: FastifyReply) {
    return this.confirm(reply, user, eventId, 'cancel');
  }

  @Post(':eventId/cancel')
  @EventRole('organiser')
  cancel(@UuidParam('eventId') eventId: string, @CurrentUser() user: AuthUser, @Res() reply: FastifyReply) {
    return this.change(reply, user, eventId, 'cancel');
  }

  private async confirm(reply: FastifyReply, user: AuthUser, eventId: string, action: StatusAction) {
    const event = await this.events.get(eventId);
    const view = confirmView(event, action, await this.events.audience(eventId), this.renderer.messages);
    return this.views.send(reply, 'confirm', view, { title: view.title, staff: user });
  }

  /** A refused change (already cancelled, say) shows the event page with the reason; the API's status. */
  private async change(reply: FastifyReply, user: AuthUser, eventId: string, action: StatusAction) {
    try {
      await this.events[action](eventId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const event = await this.events.get(eventId);
      return this.overview(
        reply,
        user,
        event,
        blankForm({ role: 'facilitator' }),
        statusForKind(error.kind),
        error.message,
      );
    }
    return this.flash.redirect(reply, `/staff/events/${eventId}`, DONE[action]);
  }

  private invalid(values: Record<string, string>, errors: Parameters<typeof formWithErrors>[1]): FormView {
    const fields = this.renderer.messages.staff.events.fields;
    return formWithErrors(values, errors, fields, EVENT_FIELDS, fields.title.default);
  }

  /** A rule's refusal beside its field (the service's message names what to do), the API's status. */
  private refused(
    error: unknown,
    show: (form: FormView, status: number) => FastifyReply,
    values: Record<string, string>,
  ): FastifyReply {
    if (!(error instanceof DomainError)) throw error;
    const code: string = (error as DomainError).code;
    return show(addError(blankForm(values), FIELD_OF_ERROR[code] ?? 'title', error.message), statusForKind(error.kind));
  }

  private eventForm(reply: FastifyReply, user: AuthUser, event: Event | undefined, form: FormView, status = 200) {
    const m = this.renderer.messages.staff.events;
    const model = {
      form,
      action: event ? `/staff/events/${event.id}/edit` : '/staff/events/new',
      heading: event ? m.editTitle : m.createTitle,
      intro: event ? undefined : m.createIntro,
      button: event ? m.saveButton : m.createButton,
      back: event ? `/staff/events/${event.id}` : '/staff',
      zone: form.values.timezone || event?.timezone || 'Europe/London',
      // The agenda's reschedule page (moves the sessions with the dates), given the dates typed here.
      reschedule: event
        ? `/staff/events/${event.id}/reschedule?${new URLSearchParams({ startsAt: form.values.startsAt ?? '', endsAt: form.values.endsAt ?? '' }).toString()}`
        : undefined,
    };
    return this.views.send(reply, 'event-form', model, { title: model.heading, staff: user, status });
  }

  private async overview(
    reply: FastifyReply,
    user: AuthUser,
    event: Event,
    memberForm: FormView,
    status = 200,
    notice?: string,
  ): Promise<FastifyReply> {
    const isOrganiser = await this.access.hasRole(user, event.id, 'organiser');
    const members = await this.events.members(event.id);
    const view = eventPageView(event, members, isOrganiser, memberForm, this.renderer.messages);
    return this.views.send(reply, 'event', { ...view, notice }, { title: event.title, staff: user, status });
  }
}
