import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { SingleLine } from '../../platform/http/single-line.js';
import { CheckInDto, CheckInSearchQuery, UndoCheckInDto } from '../check-in/dto/check-in.dto.js';

/** The door page's address: the API's search, plus the delegate the last action was about. */
export class CheckInPageQuery extends CheckInSearchQuery {
  @IsOptional()
  @IsUUID('all')
  shown?: string;
}

/** A tap on "Check in" (or the code form): the API's check-in, the search, and the tap's key. */
export class CheckInTapDto extends CheckInDto {
  @IsOptional()
  @SingleLine()
  @IsString()
  @MaxLength(100)
  q?: string;

  @IsOptional()
  @IsUUID('all')
  key?: string;
}

/** A tap on "Undo": the API's undo and the search. */
export class UndoTapDto extends UndoCheckInDto {
  @IsOptional()
  @SingleLine()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export const TAP_FIELDS = ['registrationId', 'code', 'sessionId', 'q', 'key'] as const;
export const UNDO_FIELDS = ['registrationId', 'checkedInAt', 'sessionId', 'q'] as const;
export const PAGE_FIELDS = ['q', 'sessionId', 'shown'] as const;
