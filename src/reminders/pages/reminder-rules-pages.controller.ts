import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Event } from '../../events/event.entity.js';
import { staffEventLayout } from '../../events/event-layout.js';
import { EventsService } from '../../events/events.service.js';
import type { AuthUser } from '../../identity/auth-user.js';
import { CurrentUser, EventRole } from '../../identity/decorators/auth.decorators.js';
import { notFound } from '../../platform/errors/common.errors.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { statusForKind } from '../../platform/errors/http-status.js';
import { UuidParam } from '../../platform/http/uuid-param.js';
import { Flash, type FlashKey } from '../../platform/web/flash.js';
import { addError, blankForm, type FormView, formValues, formWithErrors, validateAs } from '../../platform/web/form.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { ReminderRuleDto } from '../dto/reminder-rule.dto.js';
import type { ReminderPreviewResponse } from '../dto/reminder-preview.dto.js';
import type { ReminderRule } from '../reminder-rule.entity.js';
import { ReminderPreviewService } from '../reminder-preview.service.js';
import { RemindersService } from '../reminders.service.js';
import {
  RULE_FIELDS,
  ruleChoices,
  ruleDto,
  ruleFormValues,
  ruleInput,
  ruleRow,
  rulesPath,
} from './reminder-rules.view.js';

const BLANK_RULE = { amount: '1', unit: 'days', when: 'before-event' };

/**
 * The organisers' reminder rules: the list (when each goes out and what the outbox holds for
 * it), add, edit with the preview of its email for a sample delegate, delete. The API replaces
 * the list as a whole, so each form sends the whole list with its one change, through the
 * same service (its checks, and the reminders rescheduled in the same transaction).
 */
@Pages({ csrf: true })
@Controller('staff/events/:eventId/reminders')
export class ReminderRulesPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly reminders: RemindersService,
    private readonly previews: ReminderPreviewService,
    private readonly events: EventsService,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get()
  @EventRole('organiser')
  async list(
    @UuidParam('eventId') eventId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.listPage(reply, user, await this.events.get(eventId), blankForm(BLANK_RULE));
  }

  @Post()
  @HttpCode(200)
  @EventRole('organiser')
  async add(
    @UuidParam('eventId') eventId: string,
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const event = await this.events.get(eventId);
    const values = formValues(body, RULE_FIELDS);
    const rules = await this.reminders.listRules(eventId);
    return this.save(reply, eventId, values, rules, undefined, 'ruleAdded', (form, status) =>
      this.listPage(reply, user, event, form, status),
    );
  }

  @Get(':ruleId')
  @EventRole('organiser')
  async rule(
    @UuidParam('eventId') eventId: string,
    @UuidParam('ruleId') ruleId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const [event, rules] = await Promise.all([this.events.get(eventId), this.reminders.listRules(eventId)]);
    const rule = this.find(rules, ruleId);
    return this.rulePage(reply, user, event, rule, blankForm(ruleFormValues(rule)));
  }

  @Post(':ruleId')
  @HttpCode(200)
  @EventRole('organiser')
  async edit(
    @UuidParam('eventId') eventId: string,
    @UuidParam('ruleId') ruleId: string,
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const [event, rules] = await Promise.all([this.events.get(eventId), this.reminders.listRules(eventId)]);
    const rule = this.find(rules, ruleId);
    const values = formValues(body, RULE_FIELDS);
    return this.save(reply, eventId, values, rules, rule.id, 'ruleSaved', (form, status) =>
      this.rulePage(reply, user, event, rule, form, status),
    );
  }

  @Post(':ruleId/delete')
  @EventRole('organiser')
  async remove(
    @UuidParam('eventId') eventId: string,
    @UuidParam('ruleId') ruleId: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const rules = await this.reminders.listRules(eventId);
    const rule = this.find(rules, ruleId);
    await this.reminders.replaceRules(eventId, rules.filter((r) => r.id !== rule.id).map(ruleDto));
    return this.flash.redirect(reply, rulesPath(eventId), 'ruleDeleted');
  }

  private find(rules: ReminderRule[], ruleId: string): ReminderRule {
    const rule = rules.find((r) => r.id === ruleId);
    if (!rule) throw notFound('The reminder rule');
    return rule;
  }

  /** The whole list with this form's rule added (or in place of `replacing`), saved by the service. */
  private async save(
    reply: FastifyReply,
    eventId: string,
    values: Record<string, string>,
    rules: ReminderRule[],
    replacing: string | undefined,
    done: FlashKey,
    show: (form: FormView, status: number) => Promise<FastifyReply>,
  ): Promise<FastifyReply> {
    const fields = this.renderer.messages.reminderRules.fields;
    const plain = ruleInput(values);
    if (!plain.ok)
      return show(addError(blankForm(values), plain.field, fields[plain.field as keyof typeof fields].default), 400);
    const input = await validateAs(ReminderRuleDto, plain.value);
    if (!input.ok) return show(formWithErrors(values, input.errors, fields, RULE_FIELDS, fields.amount.default), 400);
    const list = replacing
      ? rules.map((r) => (r.id === replacing ? input.value : ruleDto(r)))
      : [...rules.map(ruleDto), input.value];
    try {
      await this.reminders.replaceRules(eventId, list);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // The rules' own refusals (two rules at one time, over a year) are about when it sends.
      return show(addError(blankForm(values), 'amount', error.message), statusForKind(error.kind));
    }
    return this.flash.redirect(reply, rulesPath(eventId), done);
  }

  private async listPage(reply: FastifyReply, user: AuthUser, event: Event, form: FormView, status = 200) {
    const m = this.renderer.messages;
    const [rules, schedules] = await Promise.all([
      this.reminders.listRules(event.id),
      this.reminders.schedules(event.id),
    ]);
    const model = {
      form,
      ...ruleChoices(form.values, m),
      rules: rules.map((r) =>
        ruleRow(
          r,
          event,
          schedules.find((s) => s.ruleId === r.id),
          m,
        ),
      ),
      action: rulesPath(event.id),
    };
    return this.views.send(reply, 'reminder-rules', model, {
      title: m.reminderRules.title,
      event: staffEventLayout(event, m),
      staff: user,
      status,
    });
  }

  private async rulePage(
    reply: FastifyReply,
    user: AuthUser,
    event: Event,
    rule: ReminderRule,
    form: FormView,
    status = 200,
  ) {
    const m = this.renderer.messages;
    const schedules = await this.reminders.schedules(event.id);
    let preview: ReminderPreviewResponse | undefined;
    let noPreview: string | undefined;
    try {
      preview = await this.previews.preview(event.id, rule.id);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      noPreview = error.message;
    }
    const model = {
      form,
      ...ruleChoices(form.values, m),
      row: ruleRow(
        rule,
        event,
        schedules.find((s) => s.ruleId === rule.id),
        m,
      ),
      preview: preview && {
        to: m.reminderRules.previewFor(preview.to),
        subject: preview.subject,
        text: preview.text,
        attachments:
          preview.attachments.length > 0
            ? m.reminderRules.previewAttachments(preview.attachments.join(', '))
            : undefined,
      },
      noPreview,
      action: `${rulesPath(event.id)}/${rule.id}`,
      remove: `${rulesPath(event.id)}/${rule.id}/delete`,
      back: rulesPath(event.id),
    };
    return this.views.send(reply, 'reminder-rule', model, {
      title: m.reminderRules.editTitle,
      event: staffEventLayout(event, m),
      staff: user,
      status,
    });
  }
}
