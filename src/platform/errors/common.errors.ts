import { defineErrors } from './domain-error.js';

export enum CommonError {
  NotFound = 'NotFound',
  Forbidden = 'Forbidden',
  Unauthorized = 'Unauthorized',
}

export const commonError = defineErrors<CommonError>({
  [CommonError.NotFound]: 'not_found',
  [CommonError.Forbidden]: 'forbidden',
  [CommonError.Unauthorized]: 'unauthorized',
});

export const notFound = (what: string) => commonError(CommonError.NotFound, `${what} was not found.`);
