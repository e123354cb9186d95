import { Body, Controller, Delete, Get, Header, HttpCode, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAnonymousAllowed, ApiFileResponse } from '../platform/http/openapi-document.js';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../identity/auth-user.js';
import { CurrentUser, EventRole, Staff } from '../identity/decorators/auth.decorators.js';
import {
  CurrentDelegate,
  CurrentDelegateTokenHash,
  Delegate,
  DelegateToken,
} from '../registrations/access/delegate.decorators.js';
import { UuidParam } from '../platform/http/uuid-param.js';
import { type Page, PageQuery, pageWindow } from '../platform/http/pagination.js';
import { bearerClaim } from '../platform/http/actor-verifiers.js';
import { RateLimit } from '../platform/http/rate-limit.js';
import { AppConfig } from '../platform/config/app-config.js';
import type { Registration } from '../registrations/registration.entity.js';
import { AwardAccessService } from './award-access.service.js';
import { AwardsService } from './awards.service.js';
import { BallotsService } from './ballots.service.js';
import { AuditCheckResponse, AwardResults } from './dto/award-results.response.js';
import { CreateAwardDto, UpdateAwardDto } from './dto/award.dto.js';
import {
  AwardResponse,
  NominationPageResponse,
  NominationResponse,
  NomineeResponse,
  toNomineeResponse,
} from './dto/award.response.js';
import { BallotReceiptResponse, CastBallotDto, CastingDecisionDto } from './dto/ballot.dto.js';
import { CreateNominationDto, CreateNomineeDto, MergeNominationDto } from './dto/nomination.dto.js';
import { NominationsService } from './nominations.service.js';
import { type AuditCheck, ResultsService } from './results.service.js';

@ApiTags('awards')
@Controller('api')
export class AwardsController {
  constructor(
    private readonly awards: AwardsService,
    private readonly nominations: NominationsService,
    private readonly ballots: BallotsService,
    private readonly results: ResultsService,
    private readonly access: AwardAccessService,
    private readonly config: AppConfig,
  ) {}

  @Post('events/:eventId/awards')
  @EventRole('organiser')
  @ApiOperation({ summary: 'Create an award category (organiser)' })
  @ApiCreatedResponse({ type: AwardResponse })
  create(
    @CurrentUser() user: AuthUser,
    @UuidParam('eventId') eventId: string,
    @Body() body: CreateAwardDto,
  ): Promise<AwardResponse> {
    return this.awards.create(eventId, body, user);
  }

  @Get('events/:eventId/awards')
  @ApiOperation({ summary: "An event's awards (public if the event is published)" })
  @ApiOkResponse({ type: [AwardResponse] })
  @ApiBearerAuth('staff')
  @ApiAnonymousAllowed()
  async list(@UuidParam('eventId') eventId: string, @Req() request: FastifyRequest): Promise<AwardResponse[]> {
    return this.awards.listForEvent(await this.access.optionalStaff(request), eventId);
  }

  @Get('awards/:awardId')
  @ApiOperation({ summary: 'The award page: nominees with citations; results once published' })
  @ApiOkResponse({ type: AwardResponse })
  @ApiBearerAuth('staff')
  @ApiAnonymousAllowed()
  async view(@UuidParam('awardId') awardId: string, @Req() request: FastifyRequest): Promise<AwardResponse> {
    return this.awards.view(await this.access.optionalStaff(request), awardId);
  }

  @Patch('awards/:awardId')
  @Staff()
  @ApiOperation({ summary: 'Change an award (organiser); rules are fixed once voting opens' })
  @ApiOkResponse({ type: AwardResponse })
  update(
    @CurrentUser() user: AuthUser,
    @UuidParam('awardId') awardId: string,
    @Body() body: UpdateAwardDto,
  ): Promise<AwardResponse> {
    return this.awards.update(user, awardId, body);
  }

  @Post('awards/:awardId/nominations')
  @Delegate()
  @RateLimit({ bucket: 'nominations', limit: () => 30, windowMs: 60_000, actor: bearerClaim })
  @ApiOperation({ summary: 'Nominate a colleague (confirmed delegate, during the nomination window)' })
  @ApiCreatedResponse({ type: NominationResponse })
  nominate(
    @CurrentDelegate() delegate: Registration,
    @UuidParam('awardId') awardId: string,
    @Body() body: CreateNominationDto,
  ): Promise<NominationResponse> {
    return this.nominations.nominate(delegate, awardId, body);
  }

  @Get('awards/:awardId/nominations')
  @Staff()
  @ApiOperation({ summary: 'The nominations (organiser)' })
  @ApiOkResponse({ type: NominationPageResponse })
  listNominations(
    @CurrentUser() user: AuthUser,
    @UuidParam('awardId') awardId: string,
    @Query() query: PageQuery,
  ): Promise<Page<NominationResponse>> {
    return this.nominations.list(user, awardId, pageWindow(query, this.config.pageSizeMax));
  }

  @Post('awards/:awardId/nominations/:nominationId/merge')
  @Staff()
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge a duplicate nomination into another (organiser)' })
  @ApiOkResponse({ type: NominationResponse })
  merge(
    @CurrentUser() user: AuthUser,
    @UuidParam('awardId') awardId: string,
    @UuidParam('nominationId') nominationId: string,
    @Body() body: MergeNominationDto,
  ): Promise<NominationResponse> {
    return this.nominations.merge(user, awardId, nominationId, body.intoNominationId);
  }

  @Post('awards/:awardId/nominees')
  @Staff()
  @ApiOperation({ summary: 'Add a nominee to the shortlist, possibly from a nomination (organiser, before voting)' })
  @ApiCreatedResponse({ type: NomineeResponse })
  async addNominee(
    @CurrentUser() user: AuthUser,
    @UuidParam('awardId') awardId: string,
    @Body() body: CreateNomineeDto,
  ): Promise<NomineeResponse> {
    return toNomineeResponse(await this.awards.addNominee(user, awardId, body));
  }

  @Delete('awards/:awardId/nominees/:nomineeId')
  @Staff()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a nominee from the shortlist (organiser, before voting)' })
  @ApiNoContentResponse()
  removeNominee(
    @CurrentUser() user: AuthUser,
    @UuidParam('awardId') awardId: string,
    @UuidParam('nomineeId') nomineeId: string,
  ): Promise<void> {
    return this.awards.removeNominee(user, awardId, nomineeId);
  }

  @Post('awards/:awardId/ballots')
  @DelegateToken()
  @RateLimit({
    bucket: 'ballots',
    limit: (config) => config.rateLimitBallots,
    windowMs: 60_000,
    actor: bearerClaim,
  })
  @ApiOperation({ summary: 'Cast a secret ballot (confirmed delegate, during the voting window); 409 on a second one' })
  @ApiCreatedResponse({ type: BallotReceiptResponse })
  @ApiConflictResponse({ description: 'This delegate has already voted for this award.' })
  cast(
    @CurrentDelegateTokenHash() tokenHash: string,
    @UuidParam('awardId') awardId: string,
    @Body() body: CastBallotDto,
  ): Promise<BallotReceiptResponse> {
    return this.ballots.cast(tokenHash, awardId, body);
  }

  @Get('awards/:awardId/results')
  @ApiOperation({ summary: 'Results: organisers once voting has closed; everyone once published' })
  @ApiOkResponse({ type: AwardResults })
  @ApiBearerAuth('staff')
  @ApiAnonymousAllowed()
  async getResults(@UuidParam('awardId') awardId: string, @Req() request: FastifyRequest): Promise<AwardResults> {
    return this.results.results(await this.access.optionalStaff(request), awardId);
  }

  @Post('awards/:awardId/results/publish')
  @Staff()
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish the results (organiser, after voting closes and ties are settled)' })
  @ApiOkResponse({ type: AwardResults })
  publish(@CurrentUser() user: AuthUser, @UuidParam('awardId') awardId: string): Promise<AwardResults> {
    return this.results.publish(user, awardId);
  }

  @Post('awards/:awardId/results/casting-decision')
  @Staff()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Settle the pending tie with a casting decision and a reason (organiser, tie policy casting)',
  })
  @ApiOkResponse({ type: AwardResults })
  decideTie(
    @CurrentUser() user: AuthUser,
    @UuidParam('awardId') awardId: string,
    @Body() body: CastingDecisionDto,
  ): Promise<AwardResults> {
    return this.results.decideTie(user, awardId, body);
  }

  @Get('awards/:awardId/audit')
  @Staff()
  @ApiOperation({ summary: 'Check that receipts equal ballots (organiser)' })
  @ApiOkResponse({ type: AuditCheckResponse, description: 'Receipts, ballots and whether they are equal' })
  audit(@CurrentUser() user: AuthUser, @UuidParam('awardId') awardId: string): Promise<AuditCheck> {
    return this.results.auditCheck(user, awardId);
  }

  @Get('awards/:awardId/audit.csv')
  @Staff()
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Audit export for trustees: counts per round, turnout, receipt codes without names (organiser)',
  })
  @ApiFileResponse('text/csv', 'Counts per round, turnout and the receipt list, as CSV (RFC 4180).')
  async auditCsv(
    @CurrentUser() user: AuthUser,
    @UuidParam('awardId') awardId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { filename, csv } = await this.results.auditCsv(user, awardId);
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .send(csv);
  }
}
