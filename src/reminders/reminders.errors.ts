import { defineErrors } from '../platform/errors/domain-error.js';

export enum RemindersError {
  InvalidRule = 'InvalidRule',
  NotificationNotFound = 'NotificationNotFound',
  NotRetryable = 'NotRetryable',
  EventNotFound = 'EventNotFound',
  NoSampleDelegate = 'NoSampleDelegate',
}

export const remindersError = defineErrors<RemindersError>({
  [RemindersError.InvalidRule]: 'bad_request',
  [RemindersError.NotificationNotFound]: 'not_found',
  [RemindersError.NotRetryable]: 'conflict',
  [RemindersError.EventNotFound]: 'not_found',
  [RemindersError.NoSampleDelegate]: 'unprocessable',
});
