import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AgenciesService } from '../../agencies/agencies.service.js';
import type { AuthUser } from '../../identity/auth-user.js';
import { CurrentUser, EventRole } from '../../identity/decorators/auth.decorators.js';
import { staffEventLayout } from '../../events/event-layout.js';
import { EventsService } from '../../events/events.service.js';
import { fromLocalInput, toLocalInput } from '../../events/pages/event-pages.view.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { statusForKind } from '../../platform/errors/http-status.js';
import { UuidParam } from '../../platform/http/uuid-param.js';
import { longDateTime } from '../../platform/web/dates.js';
import { Flash } from '../../platform/web/flash.js';
import { addError, blankForm, formValues, formWithErrors, type FormView, validateAs } from '../../platform/web/form.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { AgencyPlacesService } from '../agency-places/agency-places.service.js';
import {
  AgencyPlacesForm,
  AgencyPlacesReleaseForm,
  PLACE_KINDS,
  PLACES_FIELDS,
  RELEASE_FIELDS,
} from './agency-places-pages.dto.js';

const placesPath = (eventId: string) => `/staff/events/${eventId}/agency-places`;

/**
 * An organiser's places per agency: which agencies have places held for them or capped, how
 * many of their delegates hold one, and the date the unused places are released. Plain forms
 * (POST, then back with a flash, or the page with the reason beside the field).
 */
@Pages({ csrf: true })
@Controller('staff/events/:eventId/agency-places')
export class AgencyPlacesPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly places: AgencyPlacesService,
    private readonly agencies: AgenciesService,
    private readonly events: EventsService,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get()
  @EventRole('organiser')
  async page(
    @UuidParam('eventId') eventId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.show(reply, user, eventId, {});
  }

  @Post()
  @HttpCode(200)
  @EventRole('organiser')
  async set(
    @UuidParam('eventId') eventId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages.agencyPlaces;
    const values = formValues(body, PLACES_FIELDS);
    const input = await validateAs(AgencyPlacesForm, values);
    if (!input.ok) {
      const form = formWithErrors(values, input.errors, m.fields, PLACES_FIELDS, m.fields.places.default);
      return this.show(reply, user, eventId, { placesForm: form }, 400);
    }
    const { agencyId, places, kind } = input.value;
    try {
      await this.places.set(eventId, agencyId, Number(places), kind === 'reserved');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const field = error.kind === 'not_found' ? 'agencyId' : 'places';
      const form = addError(blankForm(values), field, error.message);
      return this.show(reply, user, eventId, { placesForm: form }, statusForKind(error.kind));
    }
    return this.flash.redirect(reply, placesPath(eventId), 'agencyPlacesSaved');
  }

  @Post(':agencyId/remove')
  @EventRole('organiser')
  async remove(
    @UuidParam('eventId') eventId: string,
    @UuidParam('agencyId') agencyId: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    await this.places.remove(eventId, agencyId);
    return this.flash.redirect(reply, placesPath(eventId), 'agencyPlacesRemoved');
  }

  @Post('release-date')
  @HttpCode(200)
  @EventRole('organiser')
  async releaseDate(
    @UuidParam('eventId') eventId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages.agencyPlaces;
    const event = await this.events.get(eventId);
    const values = formValues(body, RELEASE_FIELDS);
    const input = await validateAs(AgencyPlacesReleaseForm, {
      releaseAt: fromLocalInput(values.releaseAt, event.timezone) || undefined,
    });
    if (!input.ok) {
      const form = formWithErrors(values, input.errors, m.fields, RELEASE_FIELDS, m.fields.releaseAt.default);
      return this.show(reply, user, eventId, { releaseForm: form }, 400);
    }
    const at = input.value.releaseAt ? new Date(input.value.releaseAt) : null;
    await this.places.setReleaseAt(eventId, at);
    return this.flash.redirect(reply, placesPath(eventId), 'agencyPlacesReleaseSaved');
  }

  private async show(
    reply: FastifyReply,
    user: AuthUser,
    eventId: string,
    forms: { placesForm?: FormView; releaseForm?: FormView },
    status?: number,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const [event, overview, agencies] = await Promise.all([
      this.events.get(eventId),
      this.places.overview(eventId),
      this.agencies.list({ activeOnly: true }),
    ]);
    const view = {
      base: placesPath(eventId),
      capacity: overview.capacity,
      openSeats: overview.openSeats,
      timezone: event.timezone,
      releasedOn: overview.releasedAt ? longDateTime(overview.releasedAt, event.timezone, m.locale) : null,
      rows: overview.allocations.map((row) => ({ ...row, kind: row.reserved ? 'reserved' : 'up_to' })),
      agencies: agencies.map((agency) => ({ id: agency.id, name: agency.name })),
      kinds: PLACE_KINDS,
      placesForm: forms.placesForm ?? blankForm(),
      releaseForm:
        forms.releaseForm ??
        blankForm({ releaseAt: overview.releaseAt ? toLocalInput(overview.releaseAt, event.timezone) : '' }),
    };
    return this.views.send(reply, 'agency-places', view, {
      title: (words) => words.agencyPlaces.title,
      event: staffEventLayout(event, m),
      staff: user,
      status,
    });
  }
}
