import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { SingleLine, Trim } from '../../platform/http/single-line.js';

export class UpdateNoteDto {
  @ApiPropertyOptional({ description: 'Move the note to this section key.' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 40)
  section?: string;

  @ApiPropertyOptional({ description: 'Hide from the wall and exports (reversible).' })
  @IsOptional()
  @IsBoolean()
  hidden?: boolean;

  @ApiPropertyOptional({ description: 'Cluster label; null or "" removes it.', nullable: true, maxLength: 80 })
  @ValidateIf((_: unknown, value: unknown) => value !== null && value !== undefined)
  @SingleLine()
  @IsString()
  @Length(0, 80)
  cluster?: string | null;

  @ApiPropertyOptional({ description: 'Merge this note into another note of the same canvas (a duplicate).' })
  @IsOptional()
  @IsUUID()
  mergedInto?: string;
}
