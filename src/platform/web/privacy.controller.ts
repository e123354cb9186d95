import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PageRenderer } from './page-renderer.js';
import { Pages } from './pages.decorators.js';

/** The privacy notice every page's footer links to. */
@Pages()
@Controller('privacy')
export class PrivacyController {
  constructor(private readonly renderer: PageRenderer) {}

  @Get()
  show(@Res() reply: FastifyReply): FastifyReply {
    return this.renderer.platform.send(
      reply,
      'privacy',
      {},
      { title: (m) => m.privacy.title, cacheControl: 'public, max-age=300' },
    );
  }
}
