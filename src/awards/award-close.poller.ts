import { Injectable, Logger } from '@nestjs/common';
import { WorkerSweep } from '../platform/clock/interval-task.js';
import { AppConfig } from '../platform/config/app-config.js';
import { BallotRelease } from './ballot-release.service.js';

/**
 * Worker-side: every so often the awards whose voting has closed have their sealed ballots
 * counted in, so the pool that links receipts to (encrypted) choices does not outlive the
 * vote even when nobody asks for the results.
 */
@Injectable()
export class AwardClosePoller extends WorkerSweep {
  private readonly logger = new Logger(AwardClosePoller.name);

  constructor(
    private readonly release: BallotRelease,
    config: AppConfig,
  ) {
    super('Releasing closed awards', config.awardCloseCheckMs, new Logger(AwardClosePoller.name));
  }

  protected async pass(): Promise<void> {
    const released = await this.release.releaseDue();
    if (released > 0) this.logger.log({ awards: released }, 'Sealed ballots counted in after the close');
  }
}
