import { defineErrors } from '../platform/errors/domain-error.js';

export enum RegistrationsError {
  EventNotFound = 'EventNotFound',
  RegistrationNotFound = 'RegistrationNotFound',
  RegistrationClosed = 'RegistrationClosed',
  RegistrationCancelled = 'RegistrationCancelled',
  NotConfirmed = 'NotConfirmed',
  SessionNotFound = 'SessionNotFound',
  NotAWorkshop = 'NotAWorkshop',
  SessionCancelled = 'SessionCancelled',
  WorkshopClash = 'WorkshopClash',
  Erased = 'Erased',
  NoPlaceInWorkshop = 'NoPlaceInWorkshop',
  OrganisationFixed = 'OrganisationFixed',
  AgencyPlacesReleased = 'AgencyPlacesReleased',
  ReservedOverCapacity = 'ReservedOverCapacity',
}

export const registrationsError = defineErrors<RegistrationsError>({
  [RegistrationsError.EventNotFound]: 'not_found',
  [RegistrationsError.RegistrationNotFound]: 'not_found',
  [RegistrationsError.RegistrationClosed]: 'unprocessable',
  [RegistrationsError.RegistrationCancelled]: 'conflict',
  [RegistrationsError.NotConfirmed]: 'conflict',
  [RegistrationsError.SessionNotFound]: 'not_found',
  [RegistrationsError.NotAWorkshop]: 'unprocessable',
  [RegistrationsError.SessionCancelled]: 'unprocessable',
  [RegistrationsError.WorkshopClash]: 'conflict',
  [RegistrationsError.Erased]: 'conflict',
  [RegistrationsError.NoPlaceInWorkshop]: 'conflict',
  [RegistrationsError.OrganisationFixed]: 'conflict',
  [RegistrationsError.AgencyPlacesReleased]: 'conflict',
  [RegistrationsError.ReservedOverCapacity]: 'conflict',
});
