import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import type { AuthUser } from '../../identity/auth-user.js';
import { CurrentUser, EventRole } from '../../identity/decorators/auth.decorators.js';
import { EventsService } from '../../events/events.service.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { statusForKind } from '../../platform/errors/http-status.js';
import { Flash } from '../../platform/web/flash.js';
import { formValues, pageFields } from '../../platform/web/form.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { CheckInService, type OpenDoor } from '../check-in/check-in.service.js';
import type { DoorDelegate } from '../check-in/check-in.repository.js';
import { CheckInTaps } from './check-in-taps.js';
import {
  CheckInPageQuery,
  CheckInTapDto,
  PAGE_FIELDS,
  TAP_FIELDS,
  UNDO_FIELDS,
  UndoTapDto,
} from './check-in-pages.dto.js';
import { checkInPath, checkInView } from './check-in.view.js';
import { staffEventLayout } from '../../events/event-layout.js';

/** Served as its own file: the pages' CSP allows scripts from this origin only, never inline. */
const CLIENT_JS = readFileSync(new URL('./check-in.client.js', import.meta.url), 'utf8');

interface PageState {
  sessionId?: string | null;
  q?: string;
  shown?: string;
}

/**
 * Door check-in on a phone: search by a few letters and tap, or scan the QR code from the
 * confirmation email. Plain forms that post and come back (scripts off); the small script
 * posts the same forms in place, retries a dropped one with the same tap key and keeps the
 * count live. The same guard as the API's check-in.
 */
@Pages({ csrf: true })
@Controller('staff')
export class CheckInPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly checkIns: CheckInService,
    private readonly events: EventsService,
    private readonly taps: CheckInTaps,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get('assets/check-in.js')
  script(@Res() reply: FastifyReply): void {
    void reply
      .type('application/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(CLIENT_JS);
  }

  @Get('events/:eventId/check-in')
  @EventRole('facilitator')
  async page(
    @Param('eventId') eventId: string,
    @Query() query: unknown,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const state = await pageFields(CheckInPageQuery, formValues(query, PAGE_FIELDS));
    return this.show(reply, user, eventId, state);
  }

  /** One tap: a repeat of the same tap (its key seen before) changes nothing and shows the delegate as they are. */
  @Post('events/:eventId/check-in')
  @EventRole('facilitator')
  async checkIn(
    @Param('eventId') eventId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const tap = await pageFields(CheckInTapDto, formValues(body, TAP_FIELDS));
    const state: PageState = { sessionId: tap.sessionId, q: tap.q };
    try {
      const door = await this.checkIns.door(eventId, tap.sessionId);
      if (!(await this.taps.first(eventId, tap.key))) {
        return this.flash.redirect(reply, checkInPath(eventId, { ...state, shown: tap.registrationId }), 'tapRepeated');
      }
      const outcome =
        tap.code !== undefined
          ? await this.checkIns.checkInByCode(door, tap.code, user)
          : await this.checkIns.checkIn(door, tap.registrationId!, user);
      const shown = { ...state, shown: outcome.delegate.id };
      return this.flash.redirect(
        reply,
        checkInPath(eventId, shown),
        outcome.recorded ? 'checkedIn' : 'alreadyCheckedIn',
      );
    } catch (error) {
      if (error instanceof DomainError) return this.show(reply, user, eventId, state, error);
      throw error;
    }
  }

  @Post('events/:eventId/check-in/undo')
  @EventRole('facilitator')
  async undo(
    @Param('eventId') eventId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const tap = await pageFields(UndoTapDto, formValues(body, UNDO_FIELDS));
    const state: PageState = { sessionId: tap.sessionId, q: tap.q };
    try {
      const door = await this.checkIns.door(eventId, tap.sessionId);
      const delegate = await this.checkIns.undo(door, tap.registrationId, new Date(tap.checkedInAt));
      return this.flash.redirect(reply, checkInPath(eventId, { ...state, shown: delegate.id }), 'checkInUndone');
    } catch (error) {
      if (error instanceof DomainError) return this.show(reply, user, eventId, state, error);
      throw error;
    }
  }

  private async show(
    reply: FastifyReply,
    user: AuthUser,
    eventId: string,
    state: PageState,
    problem?: DomainError,
  ): Promise<FastifyReply> {
    const event = await this.events.get(eventId);
    const door = await this.checkIns.door(eventId, state.sessionId);
    const q = state.q ?? '';
    const [doors, count, results, shown] = await Promise.all([
      this.checkIns.doorSessions(eventId),
      this.checkIns.count(door),
      this.checkIns.search(door, q),
      this.shownDelegate(door, state.shown),
    ]);
    const view = checkInView(
      {
        eventId,
        timezone: event.timezone,
        sessionId: door.sessionId,
        doors,
        count,
        q,
        results,
        shown,
        placeRequired: door.placeRequired,
      },
      this.renderer.messages,
    );
    return this.views.send(
      reply,
      'check-in',
      { ...view, problem: problem?.message },
      {
        title: (m) => m.checkIn.title,
        event: staffEventLayout(event, this.renderer.messages),
        staff: user,
        scripts: ['jsqr.js', '/staff/assets/check-in.js'],
        status: problem ? statusForKind(problem.kind) : 200,
      },
    );
  }

  /** The delegate the last tap was about, if they are this event's (an id from elsewhere shows nothing). */
  private async shownDelegate(door: OpenDoor, id: string | undefined): Promise<DoorDelegate | undefined> {
    if (!id) return undefined;
    try {
      return await this.checkIns.delegate(door, id);
    } catch (error) {
      if (error instanceof DomainError) return undefined;
      throw error;
    }
  }
}
