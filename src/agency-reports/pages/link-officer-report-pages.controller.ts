import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LinkOfficerAccess } from '../../link-officers/link-officer-access.js';
import { UuidParam } from '../../platform/http/uuid-param.js';
import { blankForm } from '../../platform/web/form.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { RedirectError } from '../../platform/web/redirect.js';
import { agencyCsv } from '../agency-report-csv.js';
import { AgencyReportsService } from '../agency-reports.service.js';
import { agencyView } from './agency-report.view.js';
import { pageScope, reportScope, sendCsv } from './report-http.js';

/**
 * A link officer's report of their own agency (the agency page links to it): the same report
 * organisers see, without the links only staff can follow. Another agency's report is not
 * there for them (404); without a session they are sent to sign in.
 */
@Pages({ csrf: true })
@Controller('link-officer/agencies/:agencyId')
export class LinkOfficerReportPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly reports: AgencyReportsService,
    private readonly access: LinkOfficerAccess,
    private readonly renderer: PageRenderer,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get('report')
  async page(
    @UuidParam('agencyId') agencyId: string,
    @Query() query: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    await this.ownAgency(request, agencyId);
    const { scope, form, status } = await pageScope(query, m);
    const report = await this.reports.agency(agencyId, scope);
    const view = agencyView(report, m, { base: `/link-officer/agencies/${agencyId}/report`, staff: false });
    return this.views.send(
      reply,
      'agency-report',
      { ...view, form: form ?? blankForm({ year: view.year }) },
      { title: view.title, personal: true, status },
    );
  }

  @Get('report.csv')
  async csv(
    @UuidParam('agencyId') agencyId: string,
    @Query() query: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    await this.ownAgency(request, agencyId);
    const report = await this.reports.agency(agencyId, await reportScope(query));
    const name = report.event ? report.event.slug : String(report.year);
    return sendCsv(reply, `agency-report-${name}.csv`, agencyCsv(report, this.renderer.messages));
  }

  /** Without a session, off to sign in; another agency's report is not there for this link officer. */
  private async ownAgency(request: FastifyRequest, agencyId: string): Promise<void> {
    if (!(await this.access.acting(request, agencyId))) throw new RedirectError('/link-officer/sign-in');
  }
}
