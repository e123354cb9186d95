import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { SingleLine, Trim } from '../../platform/http/single-line.js';

export class TimerDto {
  @ApiProperty({ description: 'Minutes from now; 0 stops the timer.', minimum: 0, maximum: 180, example: 5 })
  @IsInt()
  @Min(0)
  @Max(180)
  minutes!: number;

  @ApiPropertyOptional({ description: 'What the step is, shown beside the time.', example: 'Write your notes' })
  @IsOptional()
  @SingleLine()
  @IsString()
  @Length(0, 80)
  label?: string;
}

export class FacilitationDto {
  @ApiPropertyOptional({
    description: 'Write privately, then reveal: notes stay off the screens until their section is revealed.',
  })
  @IsOptional()
  @IsBoolean()
  writePrivately?: boolean;

  @ApiPropertyOptional({ description: "Leave the authors' names off the room's screen and the phones." })
  @IsOptional()
  @IsBoolean()
  hideAuthors?: boolean;
}

export class RevealDto {
  @ApiProperty({ description: 'The section key.', example: 'values' })
  @Trim()
  @IsString()
  @Length(1, 40)
  section!: string;

  @ApiPropertyOptional({ description: 'false puts the section back to private.', default: true })
  @IsOptional()
  @IsBoolean()
  revealed?: boolean;
}

export class RenameClusterDto {
  @ApiProperty({ description: 'The cluster label now.', example: 'Housing' })
  @SingleLine()
  @IsString()
  @Length(1, 80)
  from!: string;

  @ApiProperty({ description: 'Its new label; "" removes the label from its notes.', example: 'Housing and rent' })
  @SingleLine()
  @IsString()
  @Length(0, 80)
  to!: string;
}
