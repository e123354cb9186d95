import { Module } from '@nestjs/common';
import { EventsModule } from '../../events/events.module.js';
import { DelegateAccessModule } from '../../registrations/access/delegate-access.module.js';
import { RegistrationPagesModule } from '../../registrations/pages/registration-pages.module.js';
import { RegistrationsModule } from '../../registrations/registrations.module.js';
import { EvidenceModule } from '../evidence.module.js';
import { AttendPagesController } from './attend-pages.controller.js';
import { AttendancePagesController } from './attendance-pages.controller.js';
import { CpdSection } from './cpd-section.js';
import { CertificatePagesController } from './certificate-pages.controller.js';
import { FeedbackPagesController } from './feedback-pages.controller.js';
import { FeedbackSettingsController } from './feedback-settings.controller.js';
import { FollowUpPagesController } from './follow-up-pages.controller.js';
import { ReflectionPagesController } from './reflection-pages.controller.js';
import { ResultsPagesController, SpeakerResultsController } from './results-pages.controller.js';
import { AuthModule } from '../../identity/auth.module.js';

/** The team's attendance and feedback pages, a delegate's self check-in and feedback, and the CPD part of their personal page. */
@Module({
  imports: [
    AuthModule,
    EvidenceModule,
    RegistrationsModule,
    RegistrationPagesModule,
    DelegateAccessModule,
    EventsModule,
  ],
  controllers: [
    AttendancePagesController,
    AttendPagesController,
    FeedbackPagesController,
    FeedbackSettingsController,
    FollowUpPagesController,
    ReflectionPagesController,
    ResultsPagesController,
    SpeakerResultsController,
    CertificatePagesController,
  ],
  providers: [CpdSection],
})
export class EvidencePagesModule {}
