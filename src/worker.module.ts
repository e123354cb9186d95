import { Module } from '@nestjs/common';
import { MailProcessor } from './notifications/mail.processor.js';
import { OutboxDispatcher } from './notifications/outbox.dispatcher.js';
import { ReminderSyncPoller } from './reminders/reminder-sync.poller.js';

/** The queue side: processors and the outbox dispatcher. Only processes with the worker role load it. */
@Module({ providers: [OutboxDispatcher, MailProcessor, ReminderSyncPoller] })
export class WorkerModule {}
