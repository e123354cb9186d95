import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { staffEventLayout } from '../../events/event-layout.js';
import type { Event } from '../../events/event.entity.js';
import { EventsService } from '../../events/events.service.js';
import type { AuthUser } from '../../identity/auth-user.js';
import { CurrentUser, EventRole } from '../../identity/decorators/auth.decorators.js';
import { notFound } from '../../platform/errors/common.errors.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { statusForKind } from '../../platform/errors/http-status.js';
import { PageQuery } from '../../platform/http/pagination.js';
import { UuidParam } from '../../platform/http/uuid-param.js';
import { Flash, type FlashKey } from '../../platform/web/flash.js';
import {
  addError,
  blankForm,
  type FormView,
  formValues,
  formWithErrors,
  pageFields,
  validateAs,
} from '../../platform/web/form.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { AwardsError } from '../awards.errors.js';
import { AwardsService } from '../awards.service.js';
import { CreateAwardDto, UpdateAwardDto } from '../dto/award.dto.js';
import type { AwardResponse } from '../dto/award.response.js';
import { CastingDecisionDto } from '../dto/ballot.dto.js';
import { CreateNomineeDto, MergeNominationDto } from '../dto/nomination.dto.js';
import { NominationsService } from '../nominations.service.js';
import { ResultsService } from '../results.service.js';
import {
  AWARD_FIELDS,
  awardConsolePath,
  NOMINATIONS_PAGE_SIZE,
  awardConsoleView,
  awardFormValues,
  awardInput,
  awardListView,
  consolePath,
  editableFields,
} from './award-console.view.js';

/** Served as its own file: the pages' CSP allows scripts from this origin only, never inline. */
const CLIENT_JS = readFileSync(new URL('./award-console.client.js', import.meta.url), 'utf8');
const CLIENT_JS_PATH = '/staff/assets/award-console.js';

const NOMINEE_FIELDS = ['name', 'organisation', 'citation'] as const;
const TIE_FIELDS = ['nomineeId', 'reason'] as const;

/** Which field a rule's refusal belongs beside. */
const FIELD_OF_ERROR: Partial<Record<string, string>> = {
  [AwardsError.InvalidWindow]: 'votingOpensAt',
  [AwardsError.VotingSealed]: 'votingClosesAt',
  [AwardsError.RulesFixed]: 'title',
};

/**
 * The organisers' award console: an event's awards, creating and editing one, its nominations
 * (merge, shortlist), the shortlist, the turnout while voting is open (how many have voted,
 * never how), and after the close the count, the casting decision, publishing (after a
 * confirmation step) and the audit file. The API's services and DTOs; the event's organisers
 * only (the guard reads :eventId), and an award of another event is not found here.
 */
@Pages({ csrf: true })
@Controller('staff/events/:eventId/awards')
export class AwardConsolePagesController {
  private readonly views: PageViews;
  /** The delegate pages' templates: the rounds table is drawn the same way on the public results page. */
  private readonly resultsViews: PageViews;

  constructor(
    private readonly events: EventsService,
    private readonly awards: AwardsService,
    private readonly nominations: NominationsService,
    private readonly results: ResultsService,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
    this.resultsViews = renderer.views(new URL('../pages/', import.meta.url));
  }

  @Get()
  @EventRole('organiser')
  async list(
    @UuidParam('eventId') eventId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const event = await this.events.get(eventId);
    const awards = await this.awards.listForEvent(user, eventId);
    const view = awardListView(eventId, awards, event.timezone, this.renderer.messages);
    return this.views.send(
      reply,
      'awards',
      view,
      this.layout(event, user, (m) => m.awardConsole.title),
    );
  }

  @Get('new')
  @EventRole('organiser')
  async createPage(
    @UuidParam('eventId') eventId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const event = await this.events.get(eventId);
    return this.awardForm(reply, user, event, undefined, blankForm({ method: 'ranked', tiePolicy: 'shared' }));
  }

  @Post('new')
  @HttpCode(200)
  @EventRole('organiser')
  async create(
    @UuidParam('eventId') eventId: string,
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const event = await this.events.get(eventId);
    const values = formValues(body, AWARD_FIELDS);
    const input = await validateAs(CreateAwardDto, awardInput(values, event.timezone));
    if (!input.ok) return this.awardForm(reply, user, event, undefined, this.invalid(values, input.errors), 400);
    try {
      const award = await this.awards.create(eventId, input.value, user);
      return this.flash.redirect(reply, awardConsolePath(eventId, award.id), 'awardCreated');
    } catch (error) {
      const form = this.refusedForm(error, values);
      return this.awardForm(reply, user, event, undefined, form.form, form.status);
    }
  }

  @Get(':awardId')
  @EventRole('organiser')
  async awardPage(
    @UuidParam('eventId') eventId: string,
    @UuidParam('awardId') awardId: string,
    @Query() query: unknown,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const { offset } = await pageFields(PageQuery, formValues(query, ['offset']));
    return this.console(reply, user, eventId, awardId, { nominationsOffset: offset });
  }

  @Get(':awardId/edit')
  @EventRole('organiser')
  async editPage(
    @UuidParam('eventId') eventId: string,
    @UuidParam('awardId') awardId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const { event, award } = await this.find(user, eventId, awardId);
    return this.awardForm(reply, user, event, award, blankForm(awardFormValues(award, event.timezone)));
  }

  @Post(':awardId/edit')
  @HttpCode(200)
  @EventRole('organiser')
  async edit(
    @UuidParam('eventId') eventId: string,
    @UuidParam('awardId') awardId: string,
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const { event, award } = await this.find(user, eventId, awardId);
    const values = formValues(body, AWARD_FIELDS);
    const before = awardFormValues(award, event.timezone);
    const plain = awardInput(values, event.timezone, editableFields(award.phase), before);
    const input = await validateAs(UpdateAwardDto, plain);
    if (!input.ok) return this.awardForm(reply, user, event, award, this.invalid(values, input.errors), 400);
    try {
      await this.awards.update(user, awardId, input.value);
      return this.flash.redirect(reply, awardConsolePath(eventId, awardId), 'awardSaved');
    } catch (error) {
      const form = this.refusedForm(error, values);
      return this.awardForm(reply, user, event, award, form.form, form.status);
    }
  }

  @Post(':awardId/nominations/:nominationId/merge')
  @EventRole('organiser')
  async merge(
    @UuidParam('eventId') eventId: string,
    @UuidParam('awardId') awardId: string,
    @UuidParam('nominationId') nominationId: string,
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    await this.find(user, eventId, awardId);
    const values = formValues(body, ['intoNominationId']);
    const input = await validateAs(MergeNominationDto, values);
    if (!input.ok) {
      return this.console(reply, user, eventId, awardId, {
        notice: this.renderer.messages.errors.invalid,
        status: 400,
      });
    }
    return this.act(reply, user, eventId, awardId, 'nominationMerged', () =>
      this.nominations.merge(user, awardId, nominationId, input.value.intoNominationId),
    );
  }

  @Post(':awardId/nominees')
  @HttpCode(200)
  @EventRole('organiser')
  async addNominee(
    @UuidParam('eventId') eventId: string,
    @UuidParam('awardId') awardId: string,
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    await this.find(user, eventId, awardId);
    const fromNomination = formValues(body, ['fromNominationId']).fromNominationId;
    const values = formValues(body, NOMINEE_FIELDS);
    const given = Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ''));
    const input = await validateAs(
      CreateNomineeDto,
      fromNomination !== undefined ? { fromNominationId: fromNomination } : given,
    );
    if (!input.ok) {
      const words = this.renderer.messages.awardConsole.nomineeFields;
      const nomineeForm = formWithErrors(values, input.errors, words, NOMINEE_FIELDS, words.name.default);
      return this.console(reply, user, eventId, awardId, { nomineeForm, status: 400 });
    }
    try {
      await this.awards.addNominee(user, awardId, input.value);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // Beside the page's heading: the form itself is gone once the shortlist is fixed.
      const shown = { nomineeForm: blankForm(values), notice: error.message, status: statusForKind(error.kind) };
      return this.console(reply, user, eventId, awardId, shown);
    }
    return this.flash.redirect(reply, awardConsolePath(eventId, awardId), 'nomineeAdded');
  }

  @Post(':awardId/nominees/:nomineeId/remove')
  @EventRole('organiser')
  async removeNominee(
    @UuidParam('eventId') eventId: string,
    @UuidParam('awardId') awardId: string,
    @UuidParam('nomineeId') nomineeId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    await this.find(user, eventId, awardId);
    return this.act(reply, user, eventId, awardId, 'nomineeRemoved', () =>
      this.awards.removeNominee(user, awardId, nomineeId),
    );
  }

  @Post(':awardId/casting-decision')
  @HttpCode(200)
  @EventRole('organiser')
  async decideTie(
    @UuidParam('eventId') eventId: string,
    @UuidParam('awardId') awardId: string,
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    await this.find(user, eventId, awardId);
    const values = formValues(body, TIE_FIELDS);
    const input = await validateAs(CastingDecisionDto, values);
    if (!input.ok) {
      const words = this.renderer.messages.awardConsole.tieFields;
      const tieForm = formWithErrors(values, input.errors, words, TIE_FIELDS, words.nomineeId.default);
      return this.console(reply, user, eventId, awardId, { tieForm, status: 400 });
    }
    try {
      await this.results.decideTie(user, awardId, input.value);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const tieForm = addError(blankForm(values), 'nomineeId', error.message);
      return this.console(reply, user, eventId, awardId, { tieForm, status: statusForKind(error.kind) });
    }
    return this.flash.redirect(reply, awardConsolePath(eventId, awardId), 'tieDecided');
  }

  /** The confirmation step: says what publishing does; only its button publishes. */
  @Get(':awardId/publish')
  @EventRole('organiser')
  async confirmPublish(
    @UuidParam('eventId') eventId: string,
    @UuidParam('awardId') awardId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const { event, award } = await this.find(user, eventId, awardId);
    const href = awardConsolePath(eventId, awardId);
    return this.views.send(
      reply,
      'publish',
      { title: award.title, action: `${href}/publish`, back: href },
      this.layout(event, user, (m) => m.awardConsole.publishTitle),
    );
  }

  @Post(':awardId/publish')
  @EventRole('organiser')
  async publish(
    @UuidParam('eventId') eventId: string,
    @UuidParam('awardId') awardId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    await this.find(user, eventId, awardId);
    return this.act(reply, user, eventId, awardId, 'resultsPublished', () => this.results.publish(user, awardId));
  }

  @Get(':awardId/audit.csv')
  @EventRole('organiser')
  async auditCsv(
    @UuidParam('eventId') eventId: string,
    @UuidParam('awardId') awardId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    await this.find(user, eventId, awardId);
    const { filename, csv } = await this.results.auditCsv(user, awardId);
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .send(csv);
  }

  /** The event and its award (an award of another event is not found). */
  private async find(
    user: AuthUser,
    eventId: string,
    awardId: string,
  ): Promise<{ event: Event; award: AwardResponse }> {
    const [event, award] = await Promise.all([this.events.get(eventId), this.awards.view(user, awardId)]);
    if (award.eventId !== eventId) throw notFound('The award');
    return { event, award };
  }

  /** A change by button: done, back to the award with a flash; refused, the award with the reason. */
  private async act(
    reply: FastifyReply,
    user: AuthUser,
    eventId: string,
    awardId: string,
    done: FlashKey,
    change: () => Promise<unknown>,
  ): Promise<FastifyReply> {
    try {
      await change();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.console(reply, user, eventId, awardId, { notice: error.message, status: statusForKind(error.kind) });
    }
    return this.flash.redirect(reply, awardConsolePath(eventId, awardId), done);
  }

  private async console(
    reply: FastifyReply,
    user: AuthUser,
    eventId: string,
    awardId: string,
    shown: {
      nomineeForm?: FormView;
      tieForm?: FormView;
      notice?: string;
      status?: number;
      nominationsOffset?: number;
    } = {},
  ): Promise<FastifyReply> {
    const nominationsOffset = shown.nominationsOffset ?? 0;
    const { event, award } = await this.find(user, eventId, awardId);
    const closed = award.phase === 'closed' || award.phase === 'published';
    const [nominations, turnout, results] = await Promise.all([
      this.nominations.list(user, awardId, { limit: NOMINATIONS_PAGE_SIZE, offset: nominationsOffset }),
      this.results.auditCheck(user, awardId),
      // Before the close the count is sealed: not even asked for.
      closed ? this.results.results(user, awardId) : undefined,
    ]);
    const view = awardConsoleView(
      {
        eventId,
        eventSlug: event.slug,
        zone: event.timezone,
        award,
        nominations: nominations.items,
        nominationsOffset,
        nominationsTotal: nominations.total,
        turnout,
        results,
        nomineeForm: shown.nomineeForm ?? blankForm(),
        tieForm: shown.tieForm ?? blankForm(),
        notice: shown.notice,
      },
      this.renderer.messages,
    );
    const roundsHtml = view.results
      ? this.resultsViews.part('rounds', { results: view.results, ranked: award.method === 'ranked' })
      : '';
    return this.views.send(
      reply,
      'award-console',
      { ...view, roundsHtml },
      {
        ...this.layout(event, user, award.title),
        status: shown.status,
        scripts: view.turnout ? [CLIENT_JS_PATH] : [],
      },
    );
  }

  private awardForm(
    reply: FastifyReply,
    user: AuthUser,
    event: Event,
    award: AwardResponse | undefined,
    form: FormView,
    status = 200,
  ): FastifyReply {
    const words = this.renderer.messages.awardConsole;
    const editable = editableFields(award?.phase ?? 'new');
    const model = {
      form,
      action: award ? `${awardConsolePath(event.id, award.id)}/edit` : `${consolePath(event.id)}/new`,
      heading: award ? words.editTitle : words.createTitle,
      button: award ? words.saveButton : words.createButton,
      back: award ? awardConsolePath(event.id, award.id) : consolePath(event.id),
      backLabel: award ? words.backToAward : words.back,
      zone: event.timezone,
      editable: Object.fromEntries(editable.map((field) => [field, true])),
      note:
        award?.phase === 'published' ? words.publishedNote : award?.phase === 'voting' ? words.fixedNote : undefined,
    };
    return this.views.send(reply, 'award-form', model, { ...this.layout(event, user, model.heading), status });
  }

  private layout(event: Event, user: AuthUser, title: string | ((m: PageRenderer['messages']) => string)) {
    return { title, event: staffEventLayout(event, this.renderer.messages), staff: user };
  }

  private invalid(values: Record<string, string>, errors: Parameters<typeof formWithErrors>[1]): FormView {
    const fields = this.renderer.messages.awardConsole.fields;
    return formWithErrors(values, errors, fields, AWARD_FIELDS, fields.title.default);
  }

  /** A rule's refusal beside its field (the service's message says what to do), with the API's status. */
  private refusedForm(error: unknown, values: Record<string, string>): { form: FormView; status: number } {
    if (!(error instanceof DomainError)) throw error;
    const code: string = (error as DomainError).code;
    return {
      form: addError(blankForm(values), FIELD_OF_ERROR[code] ?? 'title', error.message),
      status: statusForKind(error.kind),
    };
  }
}

/** The console's script (the live turnout), beside the pages it serves. */
@Pages()
@Controller('staff/assets')
export class AwardConsoleAssetsController {
  @Get('award-console.js')
  script(@Res() reply: FastifyReply): void {
    void reply
      .type('application/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(CLIENT_JS);
  }
}
