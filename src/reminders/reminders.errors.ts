import { defineErrors } from '../platform/errors/domain-error.js';

export enum RemindersError {
  InvalidRule = 'InvalidRule',
  NoSampleDelegate = 'NoSampleDelegate',
}

export const remindersError = defineErrors<RemindersError>({
  [RemindersError.InvalidRule]: 'bad_request',
  [RemindersError.NoSampleDelegate]: 'unprocessable',
});
