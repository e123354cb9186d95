import { Controller, Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { DelegateResolver } from '../../registrations/access/delegate-resolver.js';
import { DelegatesService } from '../../registrations/delegates.service.js';
import { LostLinkPages } from '../../registrations/pages/lost-link-pages.js';
import { CertificatesService } from '../certificates.service.js';

/** A delegate's CPD certificate (by their personal link) and the public check of a certificate's code. */
@Pages()
@Controller()
export class CertificatePagesController {
  private readonly views: PageViews;

  constructor(
    private readonly delegates: DelegateResolver,
    private readonly registrations: DelegatesService,
    private readonly certificates: CertificatesService,
    private readonly lostLink: LostLinkPages,
    private readonly renderer: PageRenderer,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get('r/:token/certificate.pdf')
  async download(@Param('token') token: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const delegate = await this.delegates.resolve(token);
    if (!delegate) return this.lostLink.linkNotValid(reply);
    const certificate = await this.certificates.current(delegate);
    if (!certificate) return this.lostLink.linkNotValid(reply);
    const me = await this.registrations.me(delegate);
    const event = { ...me.event, startsAt: new Date(me.event.startsAt), endsAt: new Date(me.event.endsAt) };
    const pdf = await this.certificates.pdf(delegate, event, certificate);
    return reply
      .type('application/pdf')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .header(
        'content-disposition',
        `attachment; filename="${this.renderer.messages.evidence.certificateFileName(certificate.issued.code)}"`,
      )
      .send(pdf);
  }

  /** Anyone may check a code: the name, the event and the hours, and whether it was revoked; nothing else. */
  @Get('certificates/:code')
  async verify(@Param('code') code: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const m = this.renderer.messages;
    const found = await this.certificates.check(code);
    return this.views.send(
      reply,
      'verify',
      found
        ? {
            status: found.revoked ? m.evidence.verifyRevoked : m.evidence.verifyGenuine,
            revoked: found.revoked,
            name: found.name,
            event: found.eventTitle,
            hours: m.evidence.hours(found.minutes),
          }
        : { status: m.evidence.verifyUnknown },
      { title: m.evidence.verifyTitle, status: found ? 200 : 404, personal: true },
    );
  }
}
