import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'md', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const toBool = ({ value }: { value: unknown }): unknown =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

export class ExportQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(', ')}.` })
  format?: ExportFormat;

  @ApiPropertyOptional({ default: false, description: 'Include hidden and merged notes.' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  includeHidden?: boolean;
}

export class StreamQuery {
  @ApiPropertyOptional({ description: "The canvas's join code, for the public wall (staff use their token instead)." })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  code?: string;

  @ApiPropertyOptional({
    description: 'Replay events after this id on the first connection (reconnections send the Last-Event-ID header).',
  })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'lastEventId must be an event id (digits).' })
  lastEventId?: string;
}
