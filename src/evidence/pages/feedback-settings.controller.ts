import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../identity/auth-user.js';
import { CurrentUser, EventRole } from '../../identity/decorators/auth.decorators.js';
import { staffEventLayout } from '../../events/event-layout.js';
import { EventsService } from '../../events/events.service.js';
import { UuidParam } from '../../platform/http/uuid-param.js';
import { Flash } from '../../platform/web/flash.js';
import { longDateTime } from '../../platform/web/dates.js';
import { addError, blankForm, formValues, type FormView } from '../../platform/web/form.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { FeedbackService, MAX_QUESTIONS } from '../feedback.service.js';
import { FOLLOW_UP_UNITS, type FollowUpUnit } from '../impact-follow-up.entity.js';
import { ImpactFollowUpService } from '../impact-follow-up.service.js';

const FOLLOW_UP_FIELDS = ['afterCount', 'afterUnit', 'ratingQuestion', 'practiceQuestion'] as const;

const QUESTION_FIELDS = Array.from({ length: MAX_QUESTIONS }, (_, i) => `question${i + 1}`);
const QUESTION_MAX = 200;

export const feedbackPath = (eventId: string): string => `/staff/events/${eventId}/feedback`;

/**
 * An event's feedback for its organisers: the questions delegates rate, how long feedback
 * stays open after the event, and the one reminder to attendees who have not answered.
 */
@Pages({ csrf: true })
@Controller('staff/events/:eventId/feedback')
export class FeedbackSettingsController {
  private readonly views: PageViews;

  constructor(
    private readonly feedback: FeedbackService,
    private readonly followUps: ImpactFollowUpService,
    private readonly events: EventsService,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get()
  @EventRole('organiser')
  async page(
    @UuidParam('eventId') eventId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const settings = await this.feedback.settings(eventId);
    const values: Record<string, string> = { closesAfterDays: String(settings.closesAfterDays) };
    for (const question of settings.questions) values[`question${question.position}`] = question.text;
    return this.show(reply, user, eventId, blankForm(values), blankForm(await this.followUpValues(eventId)));
  }

  @Post()
  @EventRole('organiser')
  async save(
    @UuidParam('eventId') eventId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages.evidence;
    const values = formValues(body, [...QUESTION_FIELDS, 'closesAfterDays']);
    const form = blankForm(values);
    const texts = QUESTION_FIELDS.map((field) => {
      const text = (values[field] ?? '').trim().replace(/\s+/g, ' ');
      if (text.length > QUESTION_MAX) addError(form, field, m.questionTooLong);
      return text === '' ? undefined : text;
    });
    const days = (values.closesAfterDays ?? '').trim();
    if (!/^\d{1,3}$/.test(days) || Number(days) > 365) addError(form, 'closesAfterDays', m.closesAfterInvalid);
    if (form.summary.length > 0) {
      return this.show(reply, user, eventId, form, blankForm(await this.followUpValues(eventId)), 400);
    }
    await this.feedback.saveSettings(eventId, texts, Number(days));
    return this.flash.redirect(reply, feedbackPath(eventId), 'feedbackSettingsSaved');
  }

  /** Once per delegate: sending again writes nothing for those already reminded. */
  @Post('reminder')
  @EventRole('organiser')
  async remind(@UuidParam('eventId') eventId: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    await this.feedback.remindUnanswered(eventId);
    return this.flash.redirect(reply, feedbackPath(eventId), 'feedbackReminderSent');
  }

  /** Once, after N weeks or months; it cannot be changed once it has gone. */
  @Post('follow-up')
  @EventRole('organiser')
  async saveFollowUp(
    @UuidParam('eventId') eventId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages.evidence;
    const values = formValues(body, FOLLOW_UP_FIELDS);
    const followUp = blankForm(values);
    const count = (values.afterCount ?? '').trim();
    if (!/^\d{1,2}$/.test(count) || Number(count) < 1 || Number(count) > 52) {
      addError(followUp, 'afterCount', m.followUpAfterInvalid);
    }
    const unit = values.afterUnit as FollowUpUnit;
    if (!FOLLOW_UP_UNITS.includes(unit)) addError(followUp, 'afterUnit', m.followUpUnitInvalid);
    const question = (field: 'ratingQuestion' | 'practiceQuestion'): string => {
      const text = (values[field] ?? '').trim().replace(/\s+/g, ' ');
      if (text === '' || text.length > QUESTION_MAX) addError(followUp, field, m.followUpQuestionRequired);
      return text;
    };
    const ratingQuestion = question('ratingQuestion');
    const practiceQuestion = question('practiceQuestion');
    if (followUp.summary.length > 0) {
      const settings = await this.feedback.settings(eventId);
      const feedbackValues: Record<string, string> = { closesAfterDays: String(settings.closesAfterDays) };
      for (const q of settings.questions) feedbackValues[`question${q.position}`] = q.text;
      return this.show(reply, user, eventId, blankForm(feedbackValues), followUp, 400);
    }
    const saved = await this.followUps.save(eventId, {
      afterCount: Number(count),
      afterUnit: unit,
      ratingQuestion,
      practiceQuestion,
    });
    if (!saved) return this.flash.redirect(reply, feedbackPath(eventId), 'followUpAlreadySent');
    return this.flash.redirect(reply, feedbackPath(eventId), 'followUpSaved');
  }

  private async followUpValues(eventId: string): Promise<Record<string, string>> {
    const m = this.renderer.messages.evidence;
    const saved = await this.followUps.find(eventId);
    return saved
      ? {
          afterCount: String(saved.afterCount),
          afterUnit: saved.afterUnit,
          ratingQuestion: saved.ratingQuestion,
          practiceQuestion: saved.practiceQuestion,
        }
      : {
          afterCount: '3',
          afterUnit: 'months',
          ratingQuestion: m.followUpDefaultRating,
          practiceQuestion: m.followUpDefaultPractice,
        };
  }

  private async show(
    reply: FastifyReply,
    user: AuthUser,
    eventId: string,
    form: FormView,
    followUp: FormView,
    status?: number,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const [event, saved] = await Promise.all([this.events.get(eventId), this.followUps.find(eventId)]);
    return this.views.send(
      reply,
      'feedback-settings',
      {
        form,
        action: feedbackPath(eventId),
        questionFields: QUESTION_FIELDS.map((name, i) => ({ name, label: m.evidence.questionLabel(i + 1) })),
        followUp,
        followUpSentOn: saved?.sentAt
          ? m.evidence.followUpSentOn(longDateTime(saved.sentAt, event.timezone, m.locale))
          : undefined,
        units: FOLLOW_UP_UNITS.map((value) => ({ value, label: m.evidence.followUpUnits[value] })),
      },
      { title: m.evidence.settingsTitle, event: staffEventLayout(event, m), staff: user, status },
    );
  }
}
