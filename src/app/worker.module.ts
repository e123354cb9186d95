import { Module } from '@nestjs/common';
import { MailProcessor } from '../outbox/mail.processor.js';
import { OutboxDispatcher } from '../outbox/outbox.dispatcher.js';
import { ReminderSyncPoller } from '../reminders/reminder-sync.poller.js';

/** The queue side: processors and the outbox dispatcher. Only processes with the worker role load it. */
@Module({ providers: [OutboxDispatcher, MailProcessor, ReminderSyncPoller] })
export class WorkerModule {}
