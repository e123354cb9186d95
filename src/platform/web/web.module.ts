import { Global, Module } from '@nestjs/common';
import { AssetsController } from './assets.controller.js';
import { CsrfGuard } from './csrf.js';
import { Flash } from './flash.js';
import { PageExceptionFilter } from './page-exception.filter.js';
import { PageRenderer } from './page-renderer.js';
import { PrivacyController } from './privacy.controller.js';
import { SameOriginGuard } from './same-origin.guard.js';

/** The web layer every feature's pages share (global: any page controller may inject it). */
@Global()
@Module({
  controllers: [AssetsController, PrivacyController],
  providers: [PageRenderer, Flash, SameOriginGuard, CsrfGuard, PageExceptionFilter],
  exports: [PageRenderer, Flash, SameOriginGuard, CsrfGuard, PageExceptionFilter],
})
export class WebModule {}
