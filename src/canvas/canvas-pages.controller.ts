import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Eta } from 'eta';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DomainError } from '../platform/errors/domain-error.js';
import { RateLimit } from '../platform/http/rate-limit.js';
import { AppConfig } from '../platform/config/app-config.js';
import { participantRateKey } from './canvas-participants.js';
import type { Canvas } from './canvas.entity.js';
import { CanvasesService } from './canvases.service.js';

const MINUTE = 60_000;
const PAGES = fileURLToPath(new URL('./pages', import.meta.url));
/** Served as its own file: the pages' CSP allows scripts from this origin only, never inline. */
const CLIENT_JS = readFileSync(new URL('./pages/canvas.client.js', import.meta.url), 'utf8');

/**
 * The phone page for posting notes and the wall for the room's screen. Server-rendered
 * with escaping on (user text is always shown as text), plus one small script.
 */
@ApiExcludeController()
@Controller('canvases')
export class CanvasPagesController {
  private readonly eta = new Eta({ views: PAGES, autoEscape: true, cache: true });

  constructor(
    private readonly canvases: CanvasesService,
    private readonly config: AppConfig,
  ) {}

  @Get('assets/canvas.js')
  script(@Res() reply: FastifyReply): void {
    void reply
      .type('application/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(CLIENT_JS);
  }

  @Get(':joinCode')
  @RateLimit({ bucket: 'canvas-read', limit: (c) => c.rateLimitDefault, windowMs: MINUTE, key: participantRateKey })
  async join(@Param('joinCode') joinCode: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.page(joinCode, 'join', request, reply);
  }

  @Get(':joinCode/wall')
  @RateLimit({ bucket: 'canvas-read', limit: (c) => c.rateLimitDefault, windowMs: MINUTE, key: participantRateKey })
  async wall(@Param('joinCode') joinCode: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.page(joinCode, 'wall', request, reply);
  }

  private async page(joinCode: string, page: 'join' | 'wall', request: FastifyRequest, reply: FastifyReply) {
    let canvas: Canvas;
    try {
      canvas = await this.canvases.byJoinCode(joinCode);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'not_found') throw error;
      const body = this.eta.render('./notfound', {});
      const html = this.eta.render('./layout', {
        pageTitle: 'Canvas not found',
        body,
        canvasId: '',
        joinCode: '',
        seq: '0',
        page,
      });
      await reply.status(404).type('text/html; charset=utf-8').send(html);
      return;
    }
    const view = await this.canvases.publicView(canvas, request, page === 'join' ? reply : undefined);
    const joinUrl = `${this.config.appUrl.replace(/\/$/, '')}/canvases/${canvas.joinCode}`;
    const body = this.eta.render(`./${page}`, { canvas: view, joinUrl });
    const html = this.eta.render('./layout', {
      pageTitle: page === 'wall' ? `${canvas.title} — wall` : canvas.title,
      body,
      canvasId: canvas.id,
      joinCode: canvas.joinCode,
      seq: canvas.eventSeq,
      page,
    });
    await reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  }
}
