import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../identity/auth-user.js';
import { CurrentUser } from '../../identity/decorators/auth.decorators.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { statusForKind } from '../../platform/errors/http-status.js';
import { UuidParam } from '../../platform/http/uuid-param.js';
import { Flash } from '../../platform/web/flash.js';
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
import { AgenciesService } from '../agencies.service.js';
import type { AgencyRow } from '../agencies.repository.js';
import { AGENCY_KINDS } from '../agency.entity.js';
import type { ImportPlan } from '../agency-import.js';
import { NetworkOrganiser } from '../network-organiser.guard.js';
import { EditAgencyDto, ImportAgenciesDto, MapOrganisationDto } from './agency-pages.dto.js';

const EDIT_FIELDS = ['name', 'aliases', 'kind', 'region', 'active'] as const;
const splitAliases = (text: string | undefined): string[] =>
  (text ?? '')
    .split(';')
    .map((alias) => alias.trim())
    .filter((alias) => alias !== '');

/**
 * The network's agencies in the staff console: the list, the CSV import (a check that shows
 * what would change, then the apply), one agency's edit, and the organisations typed at
 * registration that match no agency, each mapped to one by an organiser.
 */
@Pages({ csrf: true })
@Controller('staff/agencies')
export class AgencyPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly agencies: AgenciesService,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get()
  @NetworkOrganiser()
  async list(@CurrentUser() user: AuthUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const rows = (await this.agencies.list()).map((agency) => ({
      ...agency,
      kindLabel: m.agencies.kinds[agency.kind ?? ''],
      aliasesText: agency.aliases.join('; '),
    }));
    return this.views.send(reply, 'agencies', { rows }, { title: m.agencies.title, staff: user });
  }

  @Get('import')
  @NetworkOrganiser()
  importPage(@CurrentUser() user: AuthUser, @Res() reply: FastifyReply): FastifyReply {
    return this.importForm(reply, user, blankForm());
  }

  @Post('import')
  @HttpCode(200)
  @NetworkOrganiser()
  async import(
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const values = formValues(body, ['csv', 'action']);
    const input = await validateAs(ImportAgenciesDto, values);
    if (!input.ok) {
      return this.importForm(
        reply,
        user,
        formWithErrors(values, input.errors, m.agencies.fields, ['csv'], m.errors.invalid),
        undefined,
        400,
      );
    }
    const apply = input.value.action === 'apply';
    const plan = await this.agencies.importCsv(input.value.csv, apply);
    if (plan.errors.length > 0) return this.importForm(reply, user, blankForm(values), plan, 422);
    if (apply) return this.flash.redirect(reply, '/staff/agencies', 'agenciesImported');
    return this.importForm(reply, user, blankForm(values), plan);
  }

  @Get('unmatched')
  @NetworkOrganiser()
  async unmatchedPage(@CurrentUser() user: AuthUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.unmatched(reply, user);
  }

  @Post('unmatched')
  @HttpCode(200)
  @NetworkOrganiser()
  async map(@CurrentUser() user: AuthUser, @Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const input = await pageFields(MapOrganisationDto, formValues(body, ['organisation', 'agencyId', 'add']));
    try {
      if (input.add === 'new') await this.agencies.addFromText(input.organisation);
      else if (input.agencyId) await this.agencies.mapText(input.agencyId, input.organisation);
      else return this.unmatched(reply, user, this.renderer.messages.agencies.fields.agencyId.default, 400);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.unmatched(reply, user, error.message, statusForKind(error.kind));
    }
    return this.flash.redirect(reply, '/staff/agencies/unmatched', 'organisationMapped');
  }

  @Get(':agencyId/edit')
  @NetworkOrganiser()
  async editPage(
    @CurrentUser() user: AuthUser,
    @UuidParam('agencyId') agencyId: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const agency = await this.agencies.get(agencyId);
    return this.editForm(reply, user, agency, blankForm(editValues(agency)));
  }

  @Post(':agencyId/edit')
  @HttpCode(200)
  @NetworkOrganiser()
  async edit(
    @CurrentUser() user: AuthUser,
    @UuidParam('agencyId') agencyId: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const agency = await this.agencies.get(agencyId);
    const values = formValues(body, EDIT_FIELDS);
    const given = Object.fromEntries(Object.entries(values).filter(([name, value]) => name === 'name' || value !== ''));
    const input = await validateAs(EditAgencyDto, { active: '', ...given });
    if (!input.ok) {
      const form = formWithErrors(values, input.errors, m.agencies.fields, EDIT_FIELDS, m.errors.invalid);
      return this.editForm(reply, user, agency, form, 400);
    }
    try {
      await this.agencies.update(agencyId, {
        name: input.value.name,
        aliases: splitAliases(input.value.aliases),
        kind: input.value.kind ?? null,
        region: input.value.region || null,
        active: input.value.active,
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.editForm(
        reply,
        user,
        agency,
        addError(blankForm(values), 'name', error.message),
        statusForKind(error.kind),
      );
    }
    return this.flash.redirect(reply, '/staff/agencies', 'agencyUpdated');
  }

  private importForm(reply: FastifyReply, user: AuthUser, form: FormView, plan?: ImportPlan, status?: number) {
    const m = this.renderer.messages;
    return this.views.send(
      reply,
      'agency-import',
      { form, plan, canApply: plan !== undefined && plan.errors.length === 0 },
      { title: m.agencies.importTitle, staff: user, status },
    );
  }

  private async unmatched(reply: FastifyReply, user: AuthUser, notice?: string, status?: number) {
    const m = this.renderer.messages;
    const [rows, agencies] = await Promise.all([this.agencies.unmatched(), this.agencies.list({ activeOnly: true })]);
    return this.views.send(
      reply,
      'agencies-unmatched',
      { rows, agencies, notice },
      { title: m.agencies.unmatchedTitle, staff: user, status },
    );
  }

  private editForm(reply: FastifyReply, user: AuthUser, agency: AgencyRow, form: FormView, status?: number) {
    const m = this.renderer.messages;
    const kinds = ['', ...AGENCY_KINDS].map((kind) => ({ value: kind, label: m.agencies.kinds[kind] }));
    return this.views.send(
      reply,
      'agency-edit',
      { agency, form, kinds },
      { title: m.agencies.editTitle(agency.name), staff: user, status },
    );
  }
}

function editValues(agency: AgencyRow): Record<string, string> {
  return {
    name: agency.name,
    aliases: agency.aliases.join('; '),
    kind: agency.kind ?? '',
    region: agency.region ?? '',
    active: agency.active ? 'yes' : '',
  };
}
