import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { SingleLine, Trim } from '../../platform/http/single-line.js';
import { IsInstant } from '../../events/dto/is-instant.js';
import { SESSION_KINDS, SESSION_STATUSES, type SessionKind, type SessionStatus } from '../agenda-session.entity.js';

const nullable = () => ValidateIf((_, value) => value !== null);

export class CreateSessionDto {
  @ApiProperty({ example: 'Opening keynote', maxLength: 300 })
  @SingleLine()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title!: string;

  @ApiPropertyOptional({ maxLength: 10000, nullable: true })
  @IsOptional()
  @nullable()
  @Trim()
  @IsString()
  @MaxLength(10000)
  abstract?: string | null;

  @ApiProperty({ enum: SESSION_KINDS })
  @IsIn(SESSION_KINDS, { message: `kind must be one of ${SESSION_KINDS.join(', ')}` })
  kind!: SessionKind;

  @ApiProperty({ example: '2026-03-28T09:30:00Z', description: 'Within the event’s dates.' })
  @IsInstant()
  startsAt!: string;

  @ApiProperty({ example: '2026-03-28T10:30:00Z', description: 'After startsAt, within the event’s dates.' })
  @IsInstant()
  endsAt!: string;

  @ApiPropertyOptional({
    type: String,
    example: 'Main Hall',
    nullable: true,
    description: 'Two sessions may not share a room at the same time; a break without a room spans all rooms.',
  })
  @IsOptional()
  @nullable()
  @SingleLine()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  room?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Practice', nullable: true })
  @IsOptional()
  @nullable()
  @SingleLine()
  @IsString()
  @MaxLength(120)
  track?: string | null;

  @ApiPropertyOptional({ minimum: 0, nullable: true, description: 'Seats, for a workshop with its own sign-up.' })
  @IsOptional()
  @nullable()
  @IsInt()
  @Min(0)
  @Max(100_000)
  capacity?: number | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Speakers of this event.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each speakerId must be a UUID' })
  speakerIds?: string[];
}

export class UpdateSessionDto extends PartialType(CreateSessionDto) {
  @ApiPropertyOptional({
    enum: SESSION_STATUSES,
    description: 'cancelled keeps the session on the agenda, marked as cancelled.',
  })
  @IsOptional()
  @IsIn(SESSION_STATUSES, { message: 'status must be scheduled or cancelled' })
  status?: SessionStatus;
}
