import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { SingleLine, Trim } from '../../platform/http/single-line.js';

const ISO_DURATION = /^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

/** One rule: `before` the event (or each workshop, with scope "session"), or `after` it ends. */
export class ReminderRuleDto {
  @ApiPropertyOptional({ example: 'P7D', description: 'ISO-8601 duration before the event (or workshop) starts' })
  @IsOptional()
  @IsString()
  @Matches(ISO_DURATION, {
    message: 'before must be an ISO-8601 duration in weeks, days, hours or minutes, e.g. P7D or PT1H',
  })
  before?: string;

  @ApiPropertyOptional({ example: 'P1D', description: 'ISO-8601 duration after the event ends (a follow-up)' })
  @IsOptional()
  @IsString()
  @Matches(ISO_DURATION, { message: 'after must be an ISO-8601 duration in weeks, days, hours or minutes, e.g. P1D' })
  after?: string;

  @ApiPropertyOptional({ enum: ['event', 'session'], default: 'event' })
  @IsOptional()
  @IsIn(['event', 'session'])
  scope?: 'event' | 'session';

  @ApiPropertyOptional({
    description: 'Custom subject; placeholders {{name}} {{event}} {{session}} {{time}} {{venue}} {{room}} {{link}}',
  })
  @IsOptional()
  @SingleLine()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  subject?: string;

  @ApiPropertyOptional({ description: 'Custom message (plain text, same placeholders)' })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  message?: string;
}
