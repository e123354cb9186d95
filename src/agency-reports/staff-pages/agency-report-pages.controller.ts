import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { NetworkOrganiser } from '../../agencies/network-organiser.guard.js';
import type { AuthUser } from '../../identity/auth-user.js';
import { CurrentUser } from '../../identity/decorators/auth.decorators.js';
import { UuidParam } from '../../platform/http/uuid-param.js';
import { blankForm } from '../../platform/web/form.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { agencyCsv, networkCsv } from '../agency-report-csv.js';
import { AgencyReportsService } from '../agency-reports.service.js';
import { agencyView, networkView } from '../pages/agency-report.view.js';
import { pageScope, reportScope, sendCsv } from '../pages/report-http.js';

/**
 * The agency report for the network's organisers (whoever organises an event, as for the
 * agencies' list): every agency side by side for a year or one event, and one agency's report;
 * each as a page to read or print and as CSV.
 */
@Pages({ csrf: true })
@Controller('staff/agencies')
export class AgencyReportPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly reports: AgencyReportsService,
    private readonly renderer: PageRenderer,
  ) {
    this.views = renderer.views(new URL('../pages/', import.meta.url));
  }

  @Get('report')
  @NetworkOrganiser()
  async network(
    @CurrentUser() user: AuthUser,
    @Query() query: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const { scope, form, status } = await pageScope(query, m);
    const view = networkView(await this.reports.network(scope), m);
    return this.views.send(
      reply,
      'network-report',
      { ...view, form: form ?? blankForm({ year: view.year }) },
      { title: view.title, staff: user, personal: true, status },
    );
  }

  @Get('report.csv')
  @NetworkOrganiser()
  async networkCsv(@Query() query: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const report = await this.reports.network(await reportScope(query));
    const name = report.event ? report.event.slug : String(report.year);
    return sendCsv(reply, `agency-report-${name}.csv`, networkCsv(report, this.renderer.messages));
  }

  @Get(':agencyId/report')
  @NetworkOrganiser()
  async agency(
    @CurrentUser() user: AuthUser,
    @UuidParam('agencyId') agencyId: string,
    @Query() query: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const { scope, form, status } = await pageScope(query, m);
    const report = await this.reports.agency(agencyId, scope);
    const view = agencyView(report, m, { base: `/staff/agencies/${agencyId}/report`, staff: true });
    return this.views.send(
      reply,
      'agency-report',
      { ...view, form: form ?? blankForm({ year: view.year }) },
      { title: view.title, staff: user, personal: true, status },
    );
  }

  @Get(':agencyId/report.csv')
  @NetworkOrganiser()
  async agencyCsv(
    @UuidParam('agencyId') agencyId: string,
    @Query() query: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const report = await this.reports.agency(agencyId, await reportScope(query));
    const name = report.event ? report.event.slug : String(report.year);
    return sendCsv(reply, `agency-report-${name}.csv`, agencyCsv(report, this.renderer.messages));
  }
}
