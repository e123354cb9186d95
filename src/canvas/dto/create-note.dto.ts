import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { SingleLine, Trim } from '../../platform/http/single-line.js';

export class CreateNoteDto {
  @ApiProperty({ description: "Key of one of the canvas's sections.", example: 'values' })
  @Trim()
  @IsString()
  @Length(1, 40)
  section!: string;

  @ApiProperty({ description: 'One idea, 1–500 characters (trimmed).', example: 'Solidarity over charity' })
  @Trim()
  @IsString()
  @Length(1, 500, { message: 'text must be 1 to 500 characters (after trimming spaces).' })
  text!: string;

  @ApiPropertyOptional({ description: 'Shown as the author; left out means "Anonymous".', maxLength: 80 })
  @IsOptional()
  @SingleLine()
  @IsString()
  @Length(0, 80)
  authorName?: string;

  @ApiPropertyOptional({ description: 'Table or group at the workshop.', maxLength: 80, example: 'Table 3' })
  @IsOptional()
  @SingleLine()
  @IsString()
  @Length(0, 80)
  group?: string;
}
