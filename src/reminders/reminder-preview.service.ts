import { Injectable } from '@nestjs/common';
import type { ReminderPreviewResponse } from './dto/reminder-preview.dto.js';
import { ReminderComposer } from './reminder.composer.js';
import { ReminderRulesRepository } from './reminder-rules.repository.js';
import { remindersError, RemindersError } from './reminders.errors.js';

/** Shows an organiser a rule's email for one delegate, written exactly as it will be sent. */
@Injectable()
export class ReminderPreviewService {
  constructor(
    private readonly rules: ReminderRulesRepository,
    private readonly composer: ReminderComposer,
  ) {}

  async preview(eventId: string, ruleId: string, registrationId?: string): Promise<ReminderPreviewResponse> {
    const rule = await this.rules.find(eventId, ruleId);
    if (!rule) throw remindersError(RemindersError.InvalidRule, 'That reminder rule was not found for this event.');
    const sample = await this.rules.sampleRecipient(eventId, rule.anchor, registrationId);
    if (!sample) {
      throw remindersError(
        RemindersError.NoSampleDelegate,
        rule.anchor === 'session-start'
          ? 'No confirmed delegate has signed up for a workshop yet, so there is nobody to preview this rule for.'
          : 'There is no confirmed delegate to preview this rule for yet.',
      );
    }
    const context = await this.composer.loadContext(rule.id, sample.registrationId, sample.sessionId);
    if (!context) throw remindersError(RemindersError.NoSampleDelegate, 'That delegate would not get this reminder.');
    const message = this.composer.compose({ ...context, personalLink: undefined });
    return {
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      attachments: (message.attachments ?? []).map((a) => a.filename),
    };
  }
}
