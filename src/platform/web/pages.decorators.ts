import { applyDecorators, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PageExceptionFilter } from './page-exception.filter.js';
import { SameOriginGuard } from './same-origin.guard.js';

/**
 * Marks a page controller: out of the OpenAPI document, every error answered as an HTML page,
 * and every POST refused unless it comes from this site's own pages (SameOriginGuard).
 */
export const Pages = (): ClassDecorator =>
  applyDecorators(ApiExcludeController(), UseFilters(PageExceptionFilter), UseGuards(SameOriginGuard));
