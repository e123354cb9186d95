import { defineErrors } from '../platform/errors/domain-error.js';

export enum EvidenceError {
  SessionNotFound = 'SessionNotFound',
  BreakHasNoHours = 'BreakHasNoHours',
  RoomCodeNotValid = 'RoomCodeNotValid',
  RoomCodeOutsideSession = 'RoomCodeOutsideSession',
  FeedbackNotFound = 'FeedbackNotFound',
  FeedbackNotOpen = 'FeedbackNotOpen',
  FeedbackClosed = 'FeedbackClosed',
  FeedbackAlreadyGiven = 'FeedbackAlreadyGiven',
}

export const evidenceError = defineErrors<EvidenceError>({
  [EvidenceError.SessionNotFound]: 'not_found',
  [EvidenceError.BreakHasNoHours]: 'unprocessable',
  [EvidenceError.RoomCodeNotValid]: 'unprocessable',
  [EvidenceError.RoomCodeOutsideSession]: 'conflict',
  [EvidenceError.FeedbackNotFound]: 'not_found',
  [EvidenceError.FeedbackNotOpen]: 'conflict',
  [EvidenceError.FeedbackClosed]: 'conflict',
  [EvidenceError.FeedbackAlreadyGiven]: 'conflict',
});
