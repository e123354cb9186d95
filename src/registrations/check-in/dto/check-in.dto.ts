import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { SingleLine } from '../../../platform/http/single-line.js';

export class DoorQuery {
  @ApiPropertyOptional({ description: 'A session of the event: its door instead of the event’s.' })
  @IsOptional()
  @IsUUID('all', { message: 'sessionId must be a UUID' })
  sessionId?: string;
}

export class CheckInSearchQuery extends DoorQuery {
  @ApiPropertyOptional({ description: 'A few letters of a name or organisation, or a check-in code.', maxLength: 100 })
  @IsOptional()
  @SingleLine()
  @IsString()
  @MaxLength(100)
  q?: string;
}

/** Who to check in: a registration id (tapped in the list) or a check-in code (scanned or typed). */
export class CheckInDto extends DoorQuery {
  @ApiPropertyOptional()
  @ValidateIf((dto: CheckInDto) => dto.code === undefined)
  @IsUUID('all', { message: 'registrationId must be a UUID (or send code instead)' })
  registrationId?: string;

  @ApiPropertyOptional({ description: 'The check-in code from the delegate’s QR code.', maxLength: 40 })
  @IsOptional()
  @SingleLine()
  @IsString()
  @MaxLength(40)
  code?: string;
}

export class UndoCheckInDto extends DoorQuery {
  @ApiProperty()
  @IsUUID('all', { message: 'registrationId must be a UUID' })
  registrationId!: string;

  @ApiProperty({ description: 'The check-in being withdrawn, as it was shown (checkedInAt).' })
  @IsISO8601({ strict: true }, { message: 'checkedInAt must be the ISO-8601 time of the check-in' })
  checkedInAt!: string;
}
