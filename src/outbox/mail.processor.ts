import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { JobName, type JobPayloads, QueueName, SEND_CONCURRENCY } from '../platform/queue/queues.js';
import { DeliveryService } from './delivery.service.js';

/** Only delegates: the rules live in DeliveryService. */
@Processor(QueueName.Mail)
export class MailProcessor {
  constructor(private readonly delivery: DeliveryService) {}

  @Process({ name: JobName.SendNotification, concurrency: SEND_CONCURRENCY })
  async send(job: Job<JobPayloads[JobName.SendNotification]>): Promise<void> {
    await this.delivery.deliver(job.data.notificationId);
  }
}
