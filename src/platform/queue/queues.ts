import type { JobOptions } from 'bull';

export enum QueueName {
  Mail = 'mail',
}

export enum JobName {
  SendNotification = 'send-notification',
}

export interface JobPayloads {
  [JobName.SendNotification]: { notificationId: string };
}

/**
 * Delivery retries for SMTP faults are decided by the outbox row (its attempts and
 * backoff survive Redis losing its data); Bull's own retry covers a crash of the handler.
 */
export const SEND_NOTIFICATION_JOB_OPTIONS: JobOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: true,
  removeOnFail: false,
};

/** How many sends one worker process runs at once. */
export const SEND_CONCURRENCY = 32;

/**
 * A worker's concurrent sends share their statements (claims, reminder contexts, marks as
 * sent): one batch of each in flight at a time, the calls made meanwhile in the next.
 */
export const SEND_BATCHING = { maxBatch: SEND_CONCURRENCY, maxConcurrentBatches: 1 };
