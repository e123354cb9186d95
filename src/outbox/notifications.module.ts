import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { QueueName } from '../platform/queue/queues.js';
import { DeliveryService } from './delivery.service.js';
import { EventOutboxService } from './event-outbox.service.js';
import { MessageComposer } from './message.composer.js';
import { NotificationComposers } from './notification-composers.js';
import { OutboxRepository } from './outbox.repository.js';
import { OutboxService } from './outbox.service.js';

/** The outbox: a module that writes emails imports it, writes them with OutboxService and registers how to compose them. */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Mail })],
  providers: [
    OutboxService,
    OutboxRepository,
    NotificationComposers,
    DeliveryService,
    MessageComposer,
    EventOutboxService,
  ],
  exports: [OutboxService, OutboxRepository, NotificationComposers, DeliveryService, EventOutboxService, BullModule],
})
export class NotificationsModule {}
