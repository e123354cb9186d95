import { defineErrors } from '../platform/errors/domain-error.js';

export enum SessionsError {
  InvalidTimes = 'InvalidTimes',
  OutsideEvent = 'OutsideEvent',
  RoomClash = 'RoomClash',
  SpeakerClash = 'SpeakerClash',
  UnknownSpeaker = 'UnknownSpeaker',
  EventCancelled = 'EventCancelled',
}

export const sessionsError = defineErrors<SessionsError>({
  [SessionsError.InvalidTimes]: 'unprocessable',
  [SessionsError.OutsideEvent]: 'unprocessable',
  [SessionsError.RoomClash]: 'conflict',
  [SessionsError.SpeakerClash]: 'conflict',
  [SessionsError.UnknownSpeaker]: 'unprocessable',
  [SessionsError.EventCancelled]: 'conflict',
});
