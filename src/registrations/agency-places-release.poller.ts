import { Injectable, Logger } from '@nestjs/common';
import { WorkerSweep } from '../platform/clock/interval-task.js';
import { AppConfig } from '../platform/config/app-config.js';
import { DelegatesService } from './delegates.service.js';

/**
 * Worker-side: every so often the events whose agency places are due are released, so the
 * unused reservations go to the waiting list on the organiser's date without anyone asking.
 */
@Injectable()
export class AgencyPlacesReleasePoller extends WorkerSweep {
  private readonly logger = new Logger(AgencyPlacesReleasePoller.name);

  constructor(
    private readonly delegates: DelegatesService,
    config: AppConfig,
  ) {
    super('Releasing agency places', config.agencyPlacesReleaseCheckMs, new Logger(AgencyPlacesReleasePoller.name));
  }

  protected async pass(): Promise<void> {
    const promoted = await this.delegates.releaseDueAgencyPlaces();
    if (promoted > 0) this.logger.log({ promoted }, 'Agency places released to the waiting list');
  }
}
