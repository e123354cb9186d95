import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { SingleLine, Trim } from '../../platform/http/single-line.js';
import { IsInstant } from './is-instant.js';

export class CreateEventDto {
  @ApiProperty({ example: 'Annual Practice Network Meeting 2026', maxLength: 200 })
  @SingleLine()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({
    example: 'annual-meeting-2026',
    description: 'Lower-case letters, digits and hyphens; generated from the title when absent. Unique.',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(80)
  slug?: string;

  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(10000)
  description?: string;

  @ApiPropertyOptional({ example: 'Town Hall, Leeds', maxLength: 300 })
  @IsOptional()
  @SingleLine()
  @IsString()
  @MaxLength(300)
  venue?: string;

  @ApiProperty({ example: 'Europe/London', description: 'IANA time zone; agenda days and times are shown in it.' })
  @Trim()
  @IsString()
  @MaxLength(64)
  timezone!: string;

  @ApiProperty({ example: '2026-03-28T09:00:00Z' })
  @IsInstant()
  startsAt!: string;

  @ApiProperty({ example: '2026-03-29T17:00:00Z', description: 'Must be after startsAt.' })
  @IsInstant()
  endsAt!: string;

  @ApiProperty({ minimum: 0, example: 200 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  capacity!: number;

  @ApiPropertyOptional({
    minimum: 1,
    nullable: true,
    description: 'At most this many confirmed places per organisation.',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  perOrganisationCap?: number | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2026-01-10T09:00:00Z', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInstant()
  registrationOpensAt?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2026-03-20T23:59:00Z', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInstant()
  registrationClosesAt?: string | null;
}
