import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '../identity/auth-user.js';
import { CurrentUser, EventRole } from '../identity/decorators/auth.decorators.js';
import { CurrentDelegate, Delegate } from './access/delegate.decorators.js';
import { UuidParam } from '../platform/http/uuid-param.js';
import { pageWindow } from '../platform/http/pagination.js';
import { emailInBody } from '../platform/http/actor-verifiers.js';
import { RateLimit } from '../platform/http/rate-limit.js';
import { AppConfig } from '../platform/config/app-config.js';
import { CreateRegistrationDto, ResendLinkDto } from './dto/create-registration.dto.js';
import { attendeeFilter, ListRegistrationsQuery } from './dto/list-registrations.query.js';
import {
  AttendeePageResponse,
  AttendeeResponse,
  CheckInResponse,
  FillFreeSeatsResponse,
  MyRegistrationResponse,
  RegistrationCountsResponse,
  RegistrationAcceptedResponse,
  WorkshopSignupResponse,
} from './dto/registration.response.js';
import type { Registration } from './registration.entity.js';
import { AttendeesService } from './attendees.service.js';
import { DelegateDetailsService } from './delegate-details.service.js';
import { DelegatesService } from './delegates.service.js';
import { MyDetailsDto } from './dto/my-details.dto.js';
import { WorkshopSignupsService } from './workshop-signups.service.js';
import { CheckInService } from './check-in/check-in.service.js';

/**
 * The actor of registering and asking for the link: the mailbox the body's email reaches
 * (`+tag` and dot variants are one actor), since many delegates share the venue's address. A
 * body without a valid email counts against the address.
 */
export const registrationEmailClaim = emailInBody('email');

const PER_EMAIL = (bucket: string) =>
  RateLimit({
    bucket,
    limit: (config) => config.rateLimitRegistration,
    windowMs: 60_000,
    actor: registrationEmailClaim,
  });

@ApiTags('registrations')
@Controller('api/events/:eventId/registrations')
export class EventRegistrationsController {
  constructor(
    private readonly registrations: DelegatesService,
    private readonly attendees: AttendeesService,
    private readonly checkIns: CheckInService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Public while the event is published and its registration window is open. The place is
   * decided now; the personal link and the outcome go by email only, so holding the link
   * proves the mailbox, and the answer is the same for an address already registered.
   */
  @Post()
  @HttpCode(202)
  @PER_EMAIL('register')
  @ApiAcceptedResponse({ type: RegistrationAcceptedResponse })
  @ApiOperation({
    summary: 'Register for the event; the place or waiting-list place and the personal link go by email.',
  })
  @ApiTooManyRequestsResponse({
    description: 'Too many registrations from this address or for this email; wait and try again.',
  })
  async register(
    @UuidParam('eventId') eventId: string,
    @Body() body: CreateRegistrationDto,
  ): Promise<RegistrationAcceptedResponse> {
    const outcome = await this.registrations.register(eventId, body);
    return { message: outcome.acceptedMessage };
  }

  /** Always 202, registered or not; a registered address is emailed its current personal link. */
  @Post('resend-link')
  @HttpCode(202)
  @PER_EMAIL('resend-link')
  @ApiAcceptedResponse({ description: 'Accepted; an email follows if that address is registered.' })
  @ApiOperation({ summary: 'Email a registered address its personal link again (the answer is the same either way).' })
  @ApiTooManyRequestsResponse({ description: 'Too many requests for this email; wait and try again.' })
  async resendLink(@UuidParam('eventId') eventId: string, @Body() body: ResendLinkDto): Promise<void> {
    await this.registrations.resendLink(eventId, body.email);
  }

  /** Attendee list with access and dietary needs; `format=csv` streams the whole filtered list. */
  @Get()
  @EventRole('organiser')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: AttendeePageResponse })
  @ApiOperation({ summary: 'The attendee list, filtered and paged (JSON), or all of it as CSV.' })
  async list(
    @UuidParam('eventId') eventId: string,
    @Query() query: ListRegistrationsQuery,
  ): Promise<AttendeePageResponse | StreamableFile> {
    const filter = attendeeFilter(query);
    if (query.format === 'csv') {
      return new StreamableFile(this.attendees.exportCsv(eventId, filter), {
        type: 'text/csv; charset=utf-8',
        disposition: `attachment; filename="registrations-${eventId}.csv"`,
      });
    }
    return this.attendees.list(eventId, filter, pageWindow(query, this.config.pageSizeMax));
  }

  @Get('counts')
  @EventRole('organiser')
  @ApiOkResponse({ type: RegistrationCountsResponse })
  @ApiOperation({ summary: 'Confirmed, waiting and cancelled counts, and the places left.' })
  counts(@UuidParam('eventId') eventId: string): Promise<RegistrationCountsResponse> {
    return this.attendees.counts(eventId);
  }

  /**
   * Gives free seats to the waiting list now (after the capacity was raised, for example);
   * otherwise the next registration or cancellation does it.
   */
  @Post('fill-free-seats')
  @HttpCode(200)
  @EventRole('organiser')
  @ApiOkResponse({ type: FillFreeSeatsResponse })
  @ApiOperation({ summary: 'Promote waiting delegates into any free places.' })
  async fillFreeSeats(@UuidParam('eventId') eventId: string): Promise<FillFreeSeatsResponse> {
    return { promoted: await this.registrations.fillFreeSeats(eventId) };
  }

  @Get(':registrationId')
  @EventRole('organiser')
  @ApiOkResponse({ type: AttendeeResponse })
  @ApiOperation({ summary: 'One attendee of the event.' })
  get(
    @UuidParam('eventId') eventId: string,
    @UuidParam('registrationId') registrationId: string,
  ): Promise<AttendeeResponse> {
    return this.attendees.get(eventId, registrationId);
  }

  /** Idempotent: the first check-in's time and who made it are kept. The door's staff: facilitators too. */
  @Post(':registrationId/check-in')
  @HttpCode(200)
  @EventRole('facilitator')
  @ApiOkResponse({ type: CheckInResponse })
  @ApiOperation({ summary: 'Check a delegate in at the door by registration id.' })
  async checkIn(
    @UuidParam('eventId') eventId: string,
    @UuidParam('registrationId') registrationId: string,
    @CurrentUser() user: AuthUser,
  ): Promise<CheckInResponse> {
    const { recorded } = await this.checkIns.checkIn(await this.checkIns.door(eventId), registrationId, user);
    return { ...(await this.attendees.get(eventId, registrationId)), alreadyCheckedIn: !recorded };
  }

  /** Erases the delegate's personal data (a request under data-protection law); counts stay. */
  @Post(':registrationId/erase')
  @HttpCode(204)
  @EventRole('organiser')
  @ApiNoContentResponse()
  @ApiOperation({ summary: "Erase a delegate's personal data (the registration stays as an anonymous row)." })
  async erase(
    @UuidParam('eventId') eventId: string,
    @UuidParam('registrationId') registrationId: string,
  ): Promise<void> {
    await this.attendees.erase(eventId, registrationId);
  }
}

@ApiTags('registrations')
@Controller('api/registrations/me')
@Delegate()
export class MyRegistrationController {
  constructor(
    private readonly registrations: DelegatesService,
    private readonly workshopSignups: WorkshopSignupsService,
    private readonly details: DelegateDetailsService,
  ) {}

  @Get()
  @ApiOkResponse({ type: MyRegistrationResponse })
  @ApiOperation({ summary: 'The delegate behind the personal-link token: their registration and workshops.' })
  me(@CurrentDelegate() delegate: Registration): Promise<MyRegistrationResponse> {
    return this.registrations.me(delegate);
  }

  /**
   * Replaces the delegate's own details, as the personal page's details form does: a field left
   * out is cleared. The organisation stays fixed while it counts towards a cap (409).
   */
  @Put('details')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiOperation({ summary: 'Change my name, organisation, job title and needs (the email address stays).' })
  async changeDetails(@CurrentDelegate() delegate: Registration, @Body() input: MyDetailsDto): Promise<void> {
    await this.details.change(delegate, input);
  }

  /** Cancels; the next on the waiting list is promoted and told. Repeating it changes nothing. */
  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiOperation({ summary: 'Cancel my registration; a waiting delegate may take the place.' })
  async cancel(@CurrentDelegate() delegate: Registration): Promise<void> {
    await this.registrations.cancel(delegate);
  }

  @Put('sessions/:sessionId')
  @ApiOkResponse({ type: WorkshopSignupResponse })
  @ApiOperation({ summary: 'Sign up for a workshop: a seat, or a place on its waiting list.' })
  signUp(
    @CurrentDelegate() delegate: Registration,
    @UuidParam('sessionId') sessionId: string,
  ): Promise<WorkshopSignupResponse> {
    return this.workshopSignups.signUp(delegate, sessionId);
  }

  @Delete('sessions/:sessionId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiOperation({ summary: 'Leave a workshop (or its waiting list).' })
  async leave(@CurrentDelegate() delegate: Registration, @UuidParam('sessionId') sessionId: string): Promise<void> {
    await this.workshopSignups.leave(delegate, sessionId);
  }
}
