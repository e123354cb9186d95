import { IsOptional, IsUUID, Matches } from 'class-validator';

/** "Mark present" on a session's attendance list. */
export class MarkPresentDto {
  @IsUUID('all')
  registrationId!: string;
}

/** An organiser's CPD hours for a session: a decimal from 0 to 24; blank counts the session's length. */
export class CpdHoursDto {
  @IsOptional()
  @Matches(/^(?:\d|1\d|2[0-3])(?:\.\d{1,2})?$|^24(?:\.0{1,2})?$/)
  hours?: string;
}

/** The code a delegate types from the room's screen (normalised by the rules, so only its length is checked here). */
export class RoomCodeDto {
  @Matches(/^[\sA-Za-z0-9-]{6,12}$/)
  code!: string;
}

export const hoursToMinutes = (hours: string | undefined): number | null =>
  hours === undefined ? null : Math.round(Number(hours) * 60);
