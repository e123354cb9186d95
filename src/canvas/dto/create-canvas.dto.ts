import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { SingleLine, Trim } from '../../platform/http/single-line.js';
import { CanvasSectionDto, SECTION_KEY_PATTERN } from './canvas-section.dto.js';

export class CreateCanvasDto {
  @ApiProperty({ example: 'Building our movement' })
  @SingleLine()
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional({ description: 'The workshop session this canvas belongs to (same event).' })
  @IsOptional()
  @IsUUID()
  sessionId?: string;

  @ApiPropertyOptional({
    description:
      'A template key: "movement-building" (the default) or one saved from a canvas. Ignored when sections are given.',
    example: 'movement-building',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @Matches(SECTION_KEY_PATTERN, { message: 'template must be a template key such as "movement-building".' })
  template?: string;

  @ApiPropertyOptional({ type: [CanvasSectionDto], description: 'Your own sections instead of a template, in order.' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CanvasSectionDto)
  sections?: CanvasSectionDto[];

  @ApiPropertyOptional({
    default: true,
    description: 'Anyone with the code may post; false requires a delegate token.',
  })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;

  @ApiPropertyOptional({ default: 3, minimum: 0, maximum: 100, description: 'Dots each participant may place.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  dotsPerPerson?: number;
}
