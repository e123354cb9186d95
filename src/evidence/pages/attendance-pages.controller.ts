import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../identity/auth-user.js';
import { CurrentUser, EventRole } from '../../identity/decorators/auth.decorators.js';
import { EventAccessService } from '../../identity/event-access.service.js';
import { staffEventLayout } from '../../events/event-layout.js';
import { EventsService } from '../../events/events.service.js';
import { UuidParam } from '../../platform/http/uuid-param.js';
import { Flash } from '../../platform/web/flash.js';
import { formValues, pageFields, validateAs } from '../../platform/web/form.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { AttendanceService } from '../attendance.service.js';
import { CpdHoursDto, hoursToMinutes, MarkPresentDto } from './attendance-pages.dto.js';
import { attendancePath, sessionsView, sheetView } from './attendance.view.js';

/**
 * Attendance per session for the event's team: the sessions with their CPD hours, and each
 * session's list, where a facilitator marks delegates present and the room's code is shown.
 * Organisers also set a session's CPD hours there. Plain forms, POST then redirect.
 */
@Pages({ csrf: true })
@Controller('staff/events/:eventId/attendance')
export class AttendancePagesController {
  private readonly views: PageViews;

  constructor(
    private readonly attendance: AttendanceService,
    private readonly events: EventsService,
    private readonly access: EventAccessService,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get()
  @EventRole('facilitator')
  async sessions(
    @UuidParam('eventId') eventId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const [event, sessions] = await Promise.all([this.events.get(eventId), this.attendance.sessions(eventId)]);
    return this.views.send(reply, 'attendance', sessionsView(eventId, sessions, event.timezone, m), {
      title: (mm) => mm.evidence.attendanceTitle,
      event: staffEventLayout(event, m),
      staff: user,
    });
  }

  @Get(':sessionId')
  @EventRole('facilitator')
  sheet(
    @UuidParam('eventId') eventId: string,
    @UuidParam('sessionId') sessionId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.showSheet(reply, user, eventId, sessionId);
  }

  /** Idempotent: marking someone already present says so and changes nothing. */
  @Post(':sessionId')
  @EventRole('facilitator')
  async markPresent(
    @UuidParam('eventId') eventId: string,
    @UuidParam('sessionId') sessionId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const { registrationId } = await pageFields(MarkPresentDto, formValues(body, ['registrationId']));
    const outcome = await this.attendance.markPresent(eventId, sessionId, registrationId, user);
    return this.flash.redirect(
      reply,
      `${attendancePath(eventId, sessionId)}#d-${registrationId}`,
      outcome.recorded ? 'markedPresent' : 'alreadyPresent',
    );
  }

  @Post(':sessionId/hours')
  @EventRole('organiser')
  async setHours(
    @UuidParam('eventId') eventId: string,
    @UuidParam('sessionId') sessionId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const values = formValues(body, ['hours']);
    const given = values.hours?.trim() ? { hours: values.hours.trim() } : {};
    const input = await validateAs(CpdHoursDto, given);
    if (!input.ok) {
      return this.showSheet(reply, user, eventId, sessionId, this.renderer.messages.evidence.hoursInvalid);
    }
    await this.attendance.setCpdMinutes(eventId, sessionId, hoursToMinutes(input.value.hours));
    return this.flash.redirect(reply, attendancePath(eventId, sessionId), 'cpdHoursSaved');
  }

  private async showSheet(
    reply: FastifyReply,
    user: AuthUser,
    eventId: string,
    sessionId: string,
    hoursError?: string,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const [event, sheet, organiser] = await Promise.all([
      this.events.get(eventId),
      this.attendance.sheet(eventId, sessionId),
      this.access.hasRole(user, eventId, 'organiser'),
    ]);
    const view = sheetView(eventId, sheet, event.timezone, organiser, hoursError, m);
    return this.views.send(reply, 'attendance-sheet', view, {
      title: view.title,
      event: staffEventLayout(event, m),
      staff: user,
      status: hoursError ? 422 : undefined,
    });
  }
}
