import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../identity/auth-user.js';
import { CurrentUser, EventRole } from '../../identity/decorators/auth.decorators.js';
import { staffEventLayout } from '../../events/event-layout.js';
import { EventsService } from '../../events/events.service.js';
import { UuidParam } from '../../platform/http/uuid-param.js';
import { Flash } from '../../platform/web/flash.js';
import { addError, blankForm, formValues, type FormView } from '../../platform/web/form.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { FeedbackService, MAX_QUESTIONS } from '../feedback.service.js';

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
    return this.show(reply, user, eventId, blankForm(values));
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
    if (form.summary.length > 0) return this.show(reply, user, eventId, form, 400);
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

  private async show(
    reply: FastifyReply,
    user: AuthUser,
    eventId: string,
    form: FormView,
    status?: number,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const event = await this.events.get(eventId);
    return this.views.send(
      reply,
      'feedback-settings',
      {
        form,
        action: feedbackPath(eventId),
        questionFields: QUESTION_FIELDS.map((name, i) => ({ name, label: m.evidence.questionLabel(i + 1) })),
      },
      { title: m.evidence.settingsTitle, event: staffEventLayout(event, m), staff: user, status },
    );
  }
}
