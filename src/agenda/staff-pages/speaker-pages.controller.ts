import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Event } from '../../events/event.entity.js';
import { staffEventLayout } from '../../events/event-layout.js';
import { EventsService } from '../../events/events.service.js';
import type { AuthUser } from '../../identity/auth-user.js';
import { CurrentUser, EventRole } from '../../identity/decorators/auth.decorators.js';
import { UuidParam } from '../../platform/http/uuid-param.js';
import { Flash } from '../../platform/web/flash.js';
import { blankForm, type FormView, formValues, formWithErrors, validateAs } from '../../platform/web/form.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { CreateSpeakerDto, UpdateSpeakerDto } from '../dto/create-speaker.dto.js';
import type { Speaker } from '../speaker.entity.js';
import { SessionsService } from '../sessions.service.js';
import { SpeakersService } from '../speakers.service.js';
import { agendaPath } from './agenda-builder.view.js';
import { SPEAKER_FIELDS, speakerFormValues, speakerInput, speakersView } from './speaker-pages.view.js';

/**
 * The organisers' speaker pages: the event's speakers with the sessions each is in, add one,
 * edit one, remove one. Their email is shown to the organisers here only (the public agenda
 * never has it). Sessions link their speakers on the session's own form.
 */
@Pages({ csrf: true })
@Controller('staff/events/:eventId/speakers')
export class SpeakerPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly speakers: SpeakersService,
    private readonly sessions: SessionsService,
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
    return this.listPage(reply, user, await this.events.get(eventId), blankForm());
  }

  @Post()
  @HttpCode(200)
  @EventRole('organiser')
  async create(
    @UuidParam('eventId') eventId: string,
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const event = await this.events.get(eventId);
    const values = formValues(body, SPEAKER_FIELDS);
    const input = await validateAs(CreateSpeakerDto, speakerInput(values));
    if (!input.ok) return this.listPage(reply, user, event, this.invalid(values, input.errors), 400);
    await this.speakers.create(eventId, input.value);
    return this.flash.redirect(reply, `/staff/events/${eventId}/speakers`, 'speakerAdded');
  }

  @Get(':speakerId')
  @EventRole('organiser')
  async editPage(
    @UuidParam('eventId') eventId: string,
    @UuidParam('speakerId') speakerId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const [event, speaker] = await Promise.all([this.events.get(eventId), this.speakers.get(eventId, speakerId)]);
    return this.editForm(reply, user, event, speaker, blankForm(speakerFormValues(speaker)));
  }

  @Post(':speakerId')
  @HttpCode(200)
  @EventRole('organiser')
  async update(
    @UuidParam('eventId') eventId: string,
    @UuidParam('speakerId') speakerId: string,
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const [event, speaker] = await Promise.all([this.events.get(eventId), this.speakers.get(eventId, speakerId)]);
    const values = formValues(body, SPEAKER_FIELDS);
    const input = await validateAs(UpdateSpeakerDto, speakerInput(values));
    if (!input.ok) return this.editForm(reply, user, event, speaker, this.invalid(values, input.errors), 400);
    await this.speakers.update(eventId, speakerId, input.value);
    return this.flash.redirect(reply, `/staff/events/${eventId}/speakers`, 'speakerSaved');
  }

  @Post(':speakerId/remove')
  @EventRole('organiser')
  async remove(
    @UuidParam('eventId') eventId: string,
    @UuidParam('speakerId') speakerId: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    await this.speakers.remove(eventId, speakerId);
    return this.flash.redirect(reply, `/staff/events/${eventId}/speakers`, 'speakerRemoved');
  }

  private invalid(values: Record<string, string>, errors: Parameters<typeof formWithErrors>[1]): FormView {
    const fields = this.renderer.messages.speakerPages.fields;
    return formWithErrors(values, errors, fields, SPEAKER_FIELDS, fields.name.default);
  }

  private async listPage(reply: FastifyReply, user: AuthUser, event: Event, form: FormView, status = 200) {
    const [speakers, sessions] = await Promise.all([this.speakers.list(event.id), this.sessions.agendaOf(event.id)]);
    const m = this.renderer.messages;
    const model = { ...speakersView(event.id, speakers, sessions, m), form, agendaHref: agendaPath(event.id) };
    return this.views.send(reply, 'speakers', model, {
      title: m.speakerPages.title,
      event: staffEventLayout(event, m),
      staff: user,
      status,
    });
  }

  private editForm(reply: FastifyReply, user: AuthUser, event: Event, speaker: Speaker, form: FormView, status = 200) {
    const m = this.renderer.messages;
    const base = `/staff/events/${event.id}/speakers`;
    const model = { form, action: `${base}/${speaker.id}`, remove: `${base}/${speaker.id}/remove`, back: base };
    return this.views.send(reply, 'speaker-form', model, {
      title: m.speakerPages.editTitle,
      event: staffEventLayout(event, m),
      staff: user,
      status,
    });
  }
}
