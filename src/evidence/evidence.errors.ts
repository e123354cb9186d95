import { defineErrors } from '../platform/errors/domain-error.js';

export enum EvidenceError {
  SessionNotFound = 'SessionNotFound',
  BreakHasNoHours = 'BreakHasNoHours',
  RoomCodeNotValid = 'RoomCodeNotValid',
  RoomCodeOutsideSession = 'RoomCodeOutsideSession',
}

export const evidenceError = defineErrors<EvidenceError>({
  [EvidenceError.SessionNotFound]: 'not_found',
  [EvidenceError.BreakHasNoHours]: 'unprocessable',
  [EvidenceError.RoomCodeNotValid]: 'unprocessable',
  [EvidenceError.RoomCodeOutsideSession]: 'conflict',
});
