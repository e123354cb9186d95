import { Body, Controller, Get, ParseArrayPipe, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventRole } from '../identity/decorators/auth.decorators.js';
import { UuidParam } from '../platform/http/uuid-param.js';
import { ReminderPreviewQuery, ReminderPreviewResponse } from './dto/reminder-preview.dto.js';
import { ReminderRuleDto } from './dto/reminder-rule.dto.js';
import { ReminderRuleResponse, toReminderRuleResponse } from './dto/reminder-rule.response.js';
import { ReminderPreviewService } from './reminder-preview.service.js';
import { RemindersService } from './reminders.service.js';

@ApiTags('reminders')
@Controller('api/events/:eventId')
export class RemindersController {
  constructor(
    private readonly reminders: RemindersService,
    private readonly previews: ReminderPreviewService,
  ) {}

  @Get('reminder-rules')
  @EventRole('organiser')
  @ApiOperation({ summary: "The event's reminder rules." })
  @ApiOkResponse({ type: [ReminderRuleResponse] })
  async rules(@UuidParam('eventId') eventId: string): Promise<ReminderRuleResponse[]> {
    return (await this.reminders.listRules(eventId)).map(toReminderRuleResponse);
  }

  /** Replaces the event's reminder rules; delegates' reminders are rescheduled at once. */
  @Put('reminder-rules')
  @EventRole('organiser')
  @ApiBody({ type: [ReminderRuleDto] })
  @ApiOperation({ summary: "Replace the event's reminder rules; delegates' reminders are rescheduled at once." })
  @ApiOkResponse({ type: [ReminderRuleResponse] })
  async replaceRules(
    @UuidParam('eventId') eventId: string,
    @Body(
      new ParseArrayPipe({
        items: ReminderRuleDto,
        whitelist: true,
        forbidNonWhitelisted: true,
        forbidUnknownValues: true,
      }),
    )
    rules: ReminderRuleDto[],
  ): Promise<ReminderRuleResponse[]> {
    return (await this.reminders.replaceRules(eventId, rules)).map(toReminderRuleResponse);
  }

  /** What a rule's email looks like for one delegate (the personal link is not included). */
  @Get('reminder-rules/:ruleId/preview')
  @EventRole('organiser')
  @ApiOperation({ summary: "What a rule's email looks like for one delegate (without their personal link)." })
  @ApiOkResponse({ type: ReminderPreviewResponse })
  preview(
    @UuidParam('eventId') eventId: string,
    @UuidParam('ruleId') ruleId: string,
    @Query() query: ReminderPreviewQuery,
  ): Promise<ReminderPreviewResponse> {
    return this.previews.preview(eventId, ruleId, query.registrationId);
  }
}
