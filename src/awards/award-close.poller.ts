import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../platform/config/app-config.js';
import { BallotRelease } from './ballot-release.service.js';

/**
 * Worker-side: every so often the awards whose voting has closed have their sealed ballots
 * counted in, so the pool that links receipts to (encrypted) choices does not outlive the
 * vote even when nobody asks for the results.
 */
@Injectable()
export class AwardClosePoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AwardClosePoller.name);
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly release: BallotRelease,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.awardCloseCheckMs);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const released = await this.release.releaseDue();
      if (released > 0) this.logger.log({ awards: released }, 'Sealed ballots counted in after the close');
    } catch (error) {
      this.logger.warn({ err: error }, 'Releasing closed awards failed; will try again');
    } finally {
      this.running = false;
    }
  }
}
