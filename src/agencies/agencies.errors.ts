import { defineErrors } from '../platform/errors/domain-error.js';

export enum AgenciesError {
  AgencyNotFound = 'AgencyNotFound',
  NameTaken = 'NameTaken',
  ImportRefused = 'ImportRefused',
  UnknownAgency = 'UnknownAgency',
}

export const agenciesError = defineErrors<AgenciesError>({
  [AgenciesError.AgencyNotFound]: 'not_found',
  [AgenciesError.NameTaken]: 'conflict',
  [AgenciesError.ImportRefused]: 'unprocessable',
  [AgenciesError.UnknownAgency]: 'unprocessable',
});
