import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { IntervalTask } from '../platform/clock/interval-task.js';
import { AppConfig } from '../platform/config/app-config.js';
import { ImpactFollowUpService } from './impact-follow-up.service.js';

/** Worker-side: every so often, the impact follow-ups now due go out. */
@Injectable()
export class ImpactFollowUpPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new IntervalTask(
    'Impact follow-up sweep',
    async () => void (await this.followUps.sendDue()),
    new Logger(ImpactFollowUpPoller.name),
  );

  constructor(
    private readonly followUps: ImpactFollowUpService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Weeks or months after the event: the reminder sweep's pace is ample.
    this.task.start(this.config.reminderSyncMs);
  }

  onApplicationShutdown(): void {
    this.task.stop();
  }

  sweep(): Promise<void> {
    return this.task.runOnce();
  }
}
