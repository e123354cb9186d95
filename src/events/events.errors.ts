import { defineErrors } from '../platform/errors/domain-error.js';

export enum EventsError {
  SlugTaken = 'SlugTaken',
  InvalidInput = 'InvalidInput',
  InvalidSlug = 'InvalidSlug',
  InvalidTimezone = 'InvalidTimezone',
  InvalidDates = 'InvalidDates',
  SessionsOutsideDates = 'SessionsOutsideDates',
  WrongStatus = 'WrongStatus',
  NoSuchStaff = 'NoSuchStaff',
  NotAMember = 'NotAMember',
  LastOrganiser = 'LastOrganiser',
}

export const eventsError = defineErrors<EventsError>({
  [EventsError.SlugTaken]: 'conflict',
  [EventsError.InvalidInput]: 'bad_request',
  [EventsError.InvalidSlug]: 'bad_request',
  [EventsError.InvalidTimezone]: 'unprocessable',
  [EventsError.InvalidDates]: 'unprocessable',
  [EventsError.SessionsOutsideDates]: 'unprocessable',
  [EventsError.WrongStatus]: 'conflict',
  [EventsError.NoSuchStaff]: 'not_found',
  [EventsError.NotAMember]: 'not_found',
  [EventsError.LastOrganiser]: 'conflict',
});
