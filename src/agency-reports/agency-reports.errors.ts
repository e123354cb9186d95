import { defineErrors } from '../platform/errors/domain-error.js';

export enum AgencyReportsError {
  AgencyNotFound = 'AgencyNotFound',
  EventNotFound = 'EventNotFound',
}

export const agencyReportsError = defineErrors<AgencyReportsError>({
  [AgencyReportsError.AgencyNotFound]: 'not_found',
  [AgencyReportsError.EventNotFound]: 'not_found',
});
