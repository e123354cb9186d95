import { Controller, Get, Header, Module } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { buildFavicon } from './favicon.js';

const FAVICON = buildFavicon();

/** /favicon.ico for every page (browsers ask for it whatever the page links). */
@ApiExcludeController()
@Controller()
export class FaviconController {
  @Get('favicon.ico')
  @Header('content-type', 'image/x-icon')
  @Header('cache-control', 'public, max-age=604800')
  favicon(): Buffer {
    return FAVICON;
  }
}

@Module({ controllers: [FaviconController] })
export class FaviconModule {}
