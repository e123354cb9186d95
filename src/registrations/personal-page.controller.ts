import { Controller, Get, Header, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import { Eta } from 'eta';
import type { FastifyReply } from 'fastify';
import { DateTime } from 'luxon';
import { fileURLToPath } from 'node:url';
import { DelegateResolver } from '../identity/delegate-resolver.js';
import { DomainError } from '../platform/errors/domain-error.js';
import { AppConfig } from '../platform/config/app-config.js';
import type { MyRegistrationResponse } from './dto/registration.response.js';
import type { Registration } from './registration.entity.js';
import { RegistrationsRepository } from './registrations.repository.js';
import { RegistrationsService } from './registrations.service.js';

const NO_STORE = 'no-store';

/**
 * The personal link's page (<APP_URL>/r/<token>): a delegate's registration, their
 * workshops with sign-up buttons, and cancelling, for people without an API client.
 * Plain HTML forms, no script; the token in the address is the credential, as in the email.
 */
@ApiExcludeController()
@Controller('r')
export class PersonalPageController {
  private readonly eta = new Eta({
    views: fileURLToPath(new URL('./templates', import.meta.url)),
    autoEscape: true,
    cache: true,
  });

  constructor(
    private readonly delegates: DelegateResolver,
    private readonly registrations: RegistrationsService,
    private readonly repository: RegistrationsRepository,
    private readonly config: AppConfig,
  ) {}

  @Get(':token')
  @Header('cache-control', NO_STORE)
  async page(
    @Param('token') token: string,
    @Query('cancel') cancel: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const delegate = await this.delegates.resolve(token);
    if (!delegate) return this.notFound(reply);
    return this.render(reply, token, delegate, { confirmCancel: cancel === '1' });
  }

  @Post(':token/cancel')
  async cancel(@Param('token') token: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.act(token, reply, (delegate) => this.registrations.cancel(delegate));
  }

  @Post(':token/workshops/:sessionId/join')
  async join(
    @Param('token') token: string,
    @Param('sessionId') sessionId: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    if (!isUUID(sessionId)) return this.notFound(reply);
    return this.act(token, reply, async (delegate) => void (await this.registrations.signUp(delegate, sessionId)));
  }

  @Post(':token/workshops/:sessionId/leave')
  async leave(
    @Param('token') token: string,
    @Param('sessionId') sessionId: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    if (!isUUID(sessionId)) return this.notFound(reply);
    return this.act(token, reply, (delegate) => this.registrations.leave(delegate, sessionId));
  }

  /** Runs an action, then back to the page (303), or the page with the reason it was refused. */
  private async act(
    token: string,
    reply: FastifyReply,
    action: (delegate: Registration) => Promise<void>,
  ): Promise<FastifyReply> {
    const delegate = await this.delegates.resolve(token);
    if (!delegate) return this.notFound(reply);
    try {
      await action(delegate);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.render(reply.code(error.kind === 'not_found' ? 404 : 409), token, delegate, {
        notice: error.message,
      });
    }
    return reply.code(303).header('cache-control', NO_STORE).redirect(this.base(token), 303);
  }

  private base(token: string): string {
    return `/r/${encodeURIComponent(token)}`;
  }

  private async render(
    reply: FastifyReply,
    token: string,
    delegate: Registration,
    options: { confirmCancel?: boolean; notice?: string },
  ): Promise<FastifyReply> {
    const me: MyRegistrationResponse = await this.registrations.me(delegate);
    const zone = me.event.timezone;
    const at = (iso: string | Date, format: string) =>
      DateTime.fromJSDate(new Date(iso), { zone }).setLocale('en-GB').toFormat(format);
    const start = at(me.event.startsAt, 'cccc d LLLL yyyy, HH:mm');
    const when = `${start}–${at(me.event.endsAt, me.event.startsAt.slice(0, 10) === me.event.endsAt.slice(0, 10) ? 'HH:mm' : 'cccc d LLLL yyyy, HH:mm')}`;
    const mine = new Map(me.workshops.map((w) => [w.sessionId, w]));
    const workshops = (await this.repository.workshopsOf(me.event.id)).map((w) => ({
      id: w.id,
      title: w.title,
      room: w.room,
      capacity: w.capacity,
      placesLeft: w.capacity === null ? null : Math.max(0, w.capacity - w.taken),
      when: `${at(w.startsAt, 'ccc d LLL, HH:mm')}–${at(w.endsAt, 'HH:mm')}`,
      mine: mine.get(w.id)?.status,
      position: mine.get(w.id)?.waitlistPosition,
    }));
    const html = this.eta.render('./personal-page.html.eta', {
      event: me.event,
      me,
      when,
      workshops,
      base: this.base(token),
      confirmCancel: options.confirmCancel ?? false,
      notice: options.notice,
    });
    return reply.header('cache-control', NO_STORE).type('text/html; charset=utf-8').send(html);
  }

  private notFound(reply: FastifyReply): FastifyReply {
    return reply
      .code(404)
      .header('cache-control', NO_STORE)
      .type('text/html; charset=utf-8')
      .send(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Link not valid</title></head>' +
          '<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 1rem;">' +
          '<h1>This link does not work</h1><p>It may have been replaced by a newer one: use the link in the most recent email from us, or ask for a new link where you registered.</p></body></html>',
      );
  }
}
