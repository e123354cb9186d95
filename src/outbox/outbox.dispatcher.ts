import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bull';
import { Clock } from '../platform/clock/clock.js';
import { IntervalTask } from '../platform/clock/interval-task.js';
import { AppConfig } from '../platform/config/app-config.js';
import { JobName, type JobPayloads, QueueName, SEND_NOTIFICATION_JOB_OPTIONS } from '../platform/queue/queues.js';
import { OutboxRepository } from './outbox.repository.js';

const CLAIM_BATCH = 500;
/** A queued row whose job cannot be found after this long lost it (Redis was flushed or restarted). */
const LOST_JOB_GRACE_MS = 3_000;

/**
 * Worker-side producer: a repeating tick hands due rows to Bull (row id = job id) and a
 * reconcile returns rows whose job vanished.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxDispatcher.name);
  private readonly task = new IntervalTask('Outbox tick', () => this.pass(), this.logger);
  private lastReconcile = 0;

  constructor(
    @InjectQueue(QueueName.Mail) private readonly queue: Queue<JobPayloads[JobName.SendNotification]>,
    private readonly outbox: OutboxRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.outboxPollMs);
  }

  onApplicationShutdown(): void {
    this.task.stop();
  }

  /** One pass; overlapping ticks are skipped rather than stacked. */
  tick(): Promise<void> {
    return this.task.runOnce();
  }

  private async pass(): Promise<void> {
    const now = this.clock.now();
    if (now.getTime() - this.lastReconcile >= Math.min(this.config.outboxStaleMs / 4, 5_000)) {
      this.lastReconcile = now.getTime();
      await this.reconcile(now);
    }
    let claimed: string[];
    do {
      claimed = await this.outbox.claimDue(now, CLAIM_BATCH);
      await this.enqueue(claimed);
    } while (claimed.length === CLAIM_BATCH);
  }

  private async enqueue(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.queue.addBulk(
      ids.map((notificationId) => ({
        name: JobName.SendNotification,
        data: { notificationId },
        opts: { ...SEND_NOTIFICATION_JOB_OPTIONS, jobId: notificationId },
      })),
    );
  }

  async reconcile(now: Date): Promise<void> {
    const released = await this.outbox.releaseStaleSending(new Date(now.getTime() - this.config.outboxStaleMs));
    const candidates = await this.outbox.queuedBefore(new Date(now.getTime() - LOST_JOB_GRACE_MS), 1_000);
    const requeued = await this.outbox.requeue(await this.lostJobs(candidates));
    if (released + requeued > 0) {
      this.logger.log(`Reconcile returned ${released} stalled and ${requeued} lost notifications to pending`);
    }
  }

  /**
   * The ids whose job is missing or failed for good (a failed one is removed so the id can be
   * reused). All of them are looked up in one pipelined round trip: a backlog of queued rows
   * otherwise cost the worker two Redis round trips per row on every reconcile.
   */
  private async lostJobs(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const failedSet = this.queue.toKey('failed');
    const lookups = this.queue.client.pipeline();
    for (const id of ids) lookups.exists(this.queue.toKey(id)).zscore(failedSet, id);
    const replies = (await lookups.exec()) ?? [];
    const lost: string[] = [];
    for (const [i, id] of ids.entries()) {
      const [existsError, exists] = replies[2 * i] ?? [new Error('no reply')];
      const [failedError, failedScore] = replies[2 * i + 1] ?? [new Error('no reply')];
      const error = existsError ?? failedError;
      if (error) throw error;
      if (exists === 0) {
        lost.push(id);
      } else if (failedScore !== null) {
        await (await this.queue.getJob(id))?.remove();
        lost.push(id);
      }
    }
    return lost;
  }
}
