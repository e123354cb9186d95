import { Module } from '@nestjs/common';
import { RegistrationsModule } from '../registrations/registrations.module.js';
import { AttendanceRepository } from './attendance.repository.js';
import { AttendanceService } from './attendance.service.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { SealedPersonalLinks } from '../registrations/sealed-personal-links.js';
import { AttendeeMail } from './attendee-mail.js';
import { FeedbackReminderComposer } from './feedback-reminder.composer.js';
import { FeedbackRepository } from './feedback.repository.js';
import { FeedbackService } from './feedback.service.js';
import { RegistrationHooksModule } from '../registrations/registration-erased.hooks.js';
import { CertificateMail } from './certificate-mail.js';
import { ReflectionsRepository } from './reflections.repository.js';
import { ReflectionsService } from './reflections.service.js';
import { CertificatesRepository } from './certificates.repository.js';
import { CertificatesService } from './certificates.service.js';
import { FeedbackResultsRepository } from './feedback-results.repository.js';
import { FeedbackResultsService } from './feedback-results.service.js';
import { ImpactFollowUpComposer } from './impact-follow-up.composer.js';
import { ImpactFollowUpRepository } from './impact-follow-up.repository.js';
import { ImpactFollowUpService } from './impact-follow-up.service.js';
import { NotificationsModule } from '../outbox/notifications.module.js';

/** Evidence of learning: attendance per session and its CPD hours, feedback, the delegates' reflections, CPD certificates and the impact follow-up. */
@Module({
  imports: [NotificationsModule, RegistrationsModule, RemindersModule, RegistrationHooksModule],
  providers: [
    AttendanceRepository,
    AttendanceService,
    FeedbackRepository,
    FeedbackService,
    AttendeeMail,
    FeedbackReminderComposer,
    SealedPersonalLinks,
    FeedbackResultsRepository,
    FeedbackResultsService,
    CertificatesRepository,
    CertificatesService,
    CertificateMail,
    ReflectionsRepository,
    ReflectionsService,
    ImpactFollowUpRepository,
    ImpactFollowUpService,
    ImpactFollowUpComposer,
  ],
  exports: [
    ReflectionsService,
    CertificatesService,
    AttendanceService,
    FeedbackService,
    FeedbackResultsService,
    FeedbackResultsRepository,
    ImpactFollowUpService,
  ],
})
export class EvidenceModule {}
