import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';

/**
 * Work a request starts but does not wait for, so its answer (and how long it took) is the
 * same whatever the work finds. A failure is logged, not thrown; shutdown waits for what runs.
 */
@Injectable()
export class BackgroundWork implements OnApplicationShutdown {
  private readonly logger = new Logger(BackgroundWork.name);
  private readonly running = new Set<Promise<void>>();

  run(what: string, task: () => Promise<void>): void {
    const work: Promise<void> = Promise.resolve()
      .then(task)
      .catch((error: unknown) => this.logger.error({ err: error }, `${what} failed`))
      .finally(() => this.running.delete(work));
    this.running.add(work);
  }

  /** Resolves once everything started so far has finished. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.settled();
  }
}
