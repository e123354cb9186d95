import type { LoggerService } from '@nestjs/common';

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
