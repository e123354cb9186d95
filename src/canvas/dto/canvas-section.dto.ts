import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { SingleLine, Trim } from '../../platform/http/single-line.js';

export const SECTION_KEY_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export class CanvasSectionDto {
  @ApiProperty({
    description: 'Stable key notes are posted to: lower-case letters, digits and dashes.',
    example: 'values',
  })
  @Trim()
  @IsString()
  @Length(1, 40)
  @Matches(SECTION_KEY_PATTERN, {
    message: 'key must be lower-case letters, digits and single dashes, e.g. "shared-values".',
  })
  key!: string;

  @ApiProperty({ example: 'Shared values' })
  @SingleLine()
  @IsString()
  @Length(1, 120)
  title!: string;

  @ApiProperty({ description: 'The question the section asks.', example: 'What do we believe in together?' })
  @SingleLine()
  @IsString()
  @Length(0, 500)
  prompt: string = '';
}
