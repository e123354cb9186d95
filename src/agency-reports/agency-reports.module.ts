import { Module } from '@nestjs/common';
import { AuthModule } from '../identity/auth.module.js';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { LinkOfficersModule } from '../link-officers/link-officers.module.js';
import { AgencyReportsRepository } from './agency-reports.repository.js';
import { AgencyReportsService } from './agency-reports.service.js';
import { LinkOfficerReportPagesController } from './pages/link-officer-report-pages.controller.js';
import { AgencyReportPagesController } from './staff-pages/agency-report-pages.controller.js';

/** The agency report: the network's view and one agency's, for organisers and for the agency's link officers. */
@Module({
  imports: [AuthModule, EvidenceModule, LinkOfficersModule],
  controllers: [AgencyReportPagesController, LinkOfficerReportPagesController],
  providers: [AgencyReportsRepository, AgencyReportsService],
})
export class AgencyReportsModule {}
