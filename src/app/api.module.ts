import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module.js';
import { AgencyPagesModule } from '../agencies/pages/agency-pages.module.js';
import { AgencyReportsModule } from '../agency-reports/agency-reports.module.js';
import { LinkOfficersModule } from '../link-officers/link-officers.module.js';
import { AwardsModule } from '../awards/awards.module.js';
import { AwardPagesModule } from '../awards/pages/award-pages.module.js';
import { AwardConsolePagesModule } from '../awards/staff-pages/award-console-pages.module.js';
import { LinkOfficerNominationsPagesModule } from '../awards/link-officer-pages/link-officer-nominations-pages.module.js';
import { CanvasModule } from '../canvas/canvas.module.js';
import { EventsModule } from '../events/events.module.js';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { EvidencePagesModule } from '../evidence/pages/evidence-pages.module.js';
import { AuthModule } from '../identity/auth.module.js';
import { HealthModule } from '../platform/health/health.module.js';
import { FaviconModule } from '../platform/web/favicon.controller.js';
import { PagesModule } from '../agenda/pages/pages.module.js';
import { SessionsModule } from '../agenda/sessions.module.js';
import { SpeakersModule } from '../agenda/speakers.module.js';
import { AgendaStaffPagesModule } from '../agenda/staff-pages/agenda-staff-pages.module.js';
import { RegistrationsModule } from '../registrations/registrations.module.js';
import { RegistrationPagesModule } from '../registrations/pages/registration-pages.module.js';
import { StaffRegistrationPagesModule } from '../registrations/staff-pages/staff-registration-pages.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { StaffMailPagesModule } from '../reminders/pages/staff-mail-pages.module.js';
import { ReminderRulesPagesModule } from '../reminders/pages/reminder-rules-pages.module.js';

/**
 * The feature modules. Every process role loads them (a worker needs their services and
 * email composers); only the HTTP process serves their controllers.
 */
@Module({
  imports: [
    HealthModule,
    FaviconModule,
    AuthModule,
    AgenciesModule,
    AgencyPagesModule,
    EventsModule,
    SpeakersModule,
    SessionsModule,
    PagesModule,
    AgendaStaffPagesModule,
    RemindersModule,
    StaffMailPagesModule,
    ReminderRulesPagesModule,
    RegistrationsModule,
    RegistrationPagesModule,
    StaffRegistrationPagesModule,
    LinkOfficersModule,
    AwardsModule,
    AwardPagesModule,
    AwardConsolePagesModule,
    LinkOfficerNominationsPagesModule,
    CanvasModule,
    EvidenceModule,
    EvidencePagesModule,
    AgencyReportsModule,
  ],
})
export class ApiModule {}
