import { applyDecorators, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PageExceptionFilter } from './page-exception.filter.js';
import { CsrfGuard } from './csrf.js';
import { SameOriginGuard } from './same-origin.guard.js';

/**
 * Marks a page controller: out of the OpenAPI document, every error answered as an HTML page,
 * and every POST refused unless it comes from this site's own pages (SameOriginGuard).
 * `csrf: true` (the staff pages, whose cookie is a credential) also needs each POST to carry
 * the form's CSRF token (CsrfGuard; templates put `it.csrf` in a hidden `_csrf` field).
 */
export const Pages = (options: { csrf?: boolean } = {}): ClassDecorator =>
  applyDecorators(
    ApiExcludeController(),
    UseFilters(PageExceptionFilter),
    options.csrf ? UseGuards(SameOriginGuard, CsrfGuard) : UseGuards(SameOriginGuard),
  );
