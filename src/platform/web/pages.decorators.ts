import { applyDecorators, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PageExceptionFilter } from './page-exception.filter.js';
import { CsrfGuard } from './csrf.js';
import { SameOriginGuard } from './same-origin.guard.js';

export interface PagesOptions {
  /**
   * The controller's POSTs act on a signed address alone and must be accepted from anywhere:
   * RFC 8058's one-click unsubscribe is posted by the mailbox provider's own servers. Such a
   * POST changes nothing but what its signed address names, so the Origin check adds nothing.
   */
  signedLinkPosts?: boolean;
  /** The staff pages, whose cookie is a credential: each POST must also carry the form's CSRF token. */
  csrf?: boolean;
}

/**
 * Marks a page controller: out of the OpenAPI document, every error answered as an HTML page,
 * and every POST refused unless it comes from this site's own pages (SameOriginGuard).
 * `csrf: true` (the staff pages, whose cookie is a credential) also needs each POST to carry
 * the form's CSRF token (CsrfGuard; templates put `it.csrf` in a hidden `_csrf` field).
 */
export const Pages = (options: PagesOptions = {}): ClassDecorator =>
  applyDecorators(
    ApiExcludeController(),
    UseFilters(PageExceptionFilter),
    ...(options.signedLinkPosts ? [] : [UseGuards(SameOriginGuard)]),
    ...(options.csrf ? [UseGuards(CsrfGuard)] : []),
  );
