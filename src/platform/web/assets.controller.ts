import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ASSETS } from './assets.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The pages' stylesheet and scripts, served from the app itself. */
@ApiExcludeController()
@Controller('assets')
export class AssetsController {
  @Get(':name')
  asset(@Param('name') name: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name as keyof typeof ASSETS] : undefined;
    if (!asset) throw new NotFoundException('There is nothing at this address.');
    void reply.header('etag', asset.etag).header('cache-control', IMMUTABLE);
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    return reply.type(asset.type).send(asset.body);
  }
}
