import { Module } from '@nestjs/common';
import { RegistrationsModule } from '../registrations/registrations.module.js';
import { AttendanceRepository } from './attendance.repository.js';
import { AttendanceService } from './attendance.service.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { SealedPersonalLinks } from '../registrations/sealed-personal-links.js';
import { FeedbackReminderComposer } from './feedback-reminder.composer.js';
import { FeedbackRepository } from './feedback.repository.js';
import { FeedbackService } from './feedback.service.js';

/** Evidence of learning: attendance per session and its CPD hours, and feedback. */
@Module({
  imports: [RegistrationsModule, RemindersModule],
  providers: [
    AttendanceRepository,
    AttendanceService,
    FeedbackRepository,
    FeedbackService,
    FeedbackReminderComposer,
    SealedPersonalLinks,
  ],
  exports: [AttendanceService, FeedbackService],
})
export class EvidenceModule {}
