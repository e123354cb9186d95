import type { LoggerService, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/**
 * A worker-side sweep run on a timer. A pass still running when the next one is due is skipped
 * rather than stacked (a slow database must not pile up passes), and a failed pass is logged and
 * simply tried again at the next tick. A timer rather than a repeatable Bull job, so the sweep
 * survives Redis losing its data.
 */
export class IntervalTask {
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly description: string,
    private readonly pass: () => Promise<void>,
    private readonly logger: Pick<LoggerService, 'warn'>,
  ) {}

  start(everyMs: number): void {
    this.stop();
    this.timer = setInterval(() => void this.runOnce(), everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One pass now, unless one is already running (then this one is skipped). */
  async runOnce(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.pass();
    } catch (error) {
      this.logger.warn({ err: error }, `${this.description} failed; will try again`);
    } finally {
      this.running = false;
    }
  }
}

/**
 * A worker's sweep as a Nest provider: its IntervalTask starts with the application and stops
 * with it; `sweep()` runs one pass now (skipped if one is running).
 */
export abstract class WorkerSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: IntervalTask;

  protected constructor(
    description: string,
    private readonly everyMs: number,
    logger: Pick<LoggerService, 'warn'>,
  ) {
    this.task = new IntervalTask(description, () => this.pass(), logger);
  }

  /** One pass of the sweep's work. */
  protected abstract pass(): Promise<void>;

  onApplicationBootstrap(): void {
    this.task.start(this.everyMs);
  }

  onApplicationShutdown(): void {
    this.task.stop();
  }

  sweep(): Promise<void> {
    return this.task.runOnce();
  }
}
