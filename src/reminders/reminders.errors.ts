import { defineErrors } from '../platform/errors/domain-error.js';

export enum RemindersError {
  InvalidRule = 'InvalidRule',
  EventNotFound = 'EventNotFound',
  NoSampleDelegate = 'NoSampleDelegate',
}

export const remindersError = defineErrors<RemindersError>({
  [RemindersError.InvalidRule]: 'bad_request',
  [RemindersError.EventNotFound]: 'not_found',
  [RemindersError.NoSampleDelegate]: 'unprocessable',
});
