import { defineErrors } from '../platform/errors/domain-error.js';

export enum OutboxError {
  NotificationNotFound = 'NotificationNotFound',
  NotRetryable = 'NotRetryable',
}

export const outboxError = defineErrors<OutboxError>({
  [OutboxError.NotificationNotFound]: 'not_found',
  [OutboxError.NotRetryable]: 'conflict',
});
