import { Module } from '@nestjs/common';
import { AwardClosePoller } from '../awards/award-close.poller.js';
import { AwardsModule } from '../awards/awards.module.js';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { ImpactFollowUpPoller } from '../evidence/impact-follow-up.poller.js';
import { MailProcessor } from '../outbox/mail.processor.js';
import { NotificationsModule } from '../outbox/notifications.module.js';
import { OutboxDispatcher } from '../outbox/outbox.dispatcher.js';
import { AgencyPlacesReleasePoller } from '../registrations/agency-places-release.poller.js';
import { RegistrationsModule } from '../registrations/registrations.module.js';
import { ReminderSyncPoller } from '../reminders/reminder-sync.poller.js';
import { RemindersModule } from '../reminders/reminders.module.js';

/** The queue side: processors and the outbox dispatcher. Only processes with the worker role load it. */
@Module({
  imports: [NotificationsModule, AwardsModule, RemindersModule, EvidenceModule, RegistrationsModule],
  providers: [
    OutboxDispatcher,
    MailProcessor,
    ReminderSyncPoller,
    AwardClosePoller,
    ImpactFollowUpPoller,
    AgencyPlacesReleasePoller,
  ],
})
export class WorkerModule {}
