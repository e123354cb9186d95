import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length, Matches } from 'class-validator';
import { SingleLine, Trim } from '../../platform/http/single-line.js';
import { SECTION_KEY_PATTERN } from './canvas-section.dto.js';

export class SaveTemplateDto {
  @ApiProperty({ description: 'Key to create canvases from later.', example: 'annual-retro' })
  @Trim()
  @IsString()
  @Length(1, 60)
  @Matches(SECTION_KEY_PATTERN, { message: 'key must be lower-case letters, digits and single dashes.' })
  key!: string;

  @ApiProperty({ example: 'Annual retrospective' })
  @SingleLine()
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional({
    description: "Offer it to every event's staff, not only this event's (organisers only).",
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  shared?: boolean;
}
