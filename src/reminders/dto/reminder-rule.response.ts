import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ReminderRule } from '../reminder-rule.entity.js';

export class ReminderRuleResponse {
  @ApiProperty() id!: string;
  @ApiPropertyOptional() before?: string;
  @ApiPropertyOptional() after?: string;
  @ApiProperty({ enum: ['event', 'session'] }) scope!: 'event' | 'session';
  @ApiPropertyOptional() subject?: string;
  @ApiPropertyOptional() message?: string;
}

export const toReminderRuleResponse = (rule: ReminderRule): ReminderRuleResponse => ({
  id: rule.id,
  ...(rule.anchor === 'event-end' ? { after: rule.offset } : { before: rule.offset }),
  scope: rule.anchor === 'session-start' ? 'session' : 'event',
  ...(rule.subject ? { subject: rule.subject } : {}),
  ...(rule.message ? { message: rule.message } : {}),
});
