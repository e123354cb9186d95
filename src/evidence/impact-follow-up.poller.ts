import { Injectable, Logger } from '@nestjs/common';
import { WorkerSweep } from '../platform/clock/interval-task.js';
import { AppConfig } from '../platform/config/app-config.js';
import { ImpactFollowUpService } from './impact-follow-up.service.js';

/** Worker-side: every so often, the impact follow-ups now due go out. */
@Injectable()
export class ImpactFollowUpPoller extends WorkerSweep {
  constructor(
    private readonly followUps: ImpactFollowUpService,
    config: AppConfig,
  ) {
    // Weeks or months after the event: the reminder sweep's pace is ample.
    super('Impact follow-up sweep', config.reminderSyncMs, new Logger(ImpactFollowUpPoller.name));
  }

  protected async pass(): Promise<void> {
    await this.followUps.sendDue();
  }
}
