import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Registration } from '../registrations/registration.entity.js';
import type { ReminderPreviewResponse } from './dto/reminder-preview.dto.js';
import { ReminderComposer } from './reminder.composer.js';
import { ReminderRule } from './reminder-rule.entity.js';
import { remindersError, RemindersError } from './reminders.errors.js';

/** Shows an organiser a rule's email for one delegate, written exactly as it will be sent. */
@Injectable()
export class ReminderPreviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly composer: ReminderComposer,
  ) {}

  async preview(eventId: string, ruleId: string, registrationId?: string): Promise<ReminderPreviewResponse> {
    const rule = await this.db.getRepository(ReminderRule).findOne({ where: { id: ruleId, eventId } });
    if (!rule) throw remindersError(RemindersError.InvalidRule, 'That reminder rule was not found for this event.');
    const sample = await this.sampleDelegate(eventId, rule, registrationId);
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

  private async sampleDelegate(
    eventId: string,
    rule: ReminderRule,
    registrationId?: string,
  ): Promise<{ registrationId: string; sessionId?: string } | undefined> {
    if (rule.anchor !== 'session-start') {
      const registration = await this.db.getRepository(Registration).findOne({
        where: { eventId, status: 'confirmed', ...(registrationId ? { id: registrationId } : {}) },
        order: { createdAt: 'ASC' },
      });
      return registration ? { registrationId: registration.id } : undefined;
    }
    const [row] = await this.db.query<Array<{ registration_id: string; session_id: string }>>(
      `SELECT su.registration_id, su.session_id
         FROM session_signups su JOIN registrations r ON r.id = su.registration_id AND r.status = 'confirmed'
         JOIN sessions s ON s.id = su.session_id AND s.status = 'scheduled'
        WHERE r.event_id = $1 AND su.status = 'confirmed' AND ($2::uuid IS NULL OR r.id = $2::uuid)
        ORDER BY s.starts_at LIMIT 1`,
      [eventId, registrationId ?? null],
    );
    return row ? { registrationId: row.registration_id, sessionId: row.session_id } : undefined;
  }
}
