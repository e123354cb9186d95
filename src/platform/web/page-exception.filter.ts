import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../errors/domain-error.js';
import { statusForKind } from '../errors/http-status.js';
import { toErrorBody } from '../http/all-exceptions.filter.js';
import { RetryLaterException } from '../http/rate-limit.js';
import type { Messages } from './messages.en-GB.js';
import { PageRenderer } from './page-renderer.js';
import { RedirectError } from './redirect.js';
import { CrossSiteFormError } from './same-origin.guard.js';

interface ErrorPage {
  status: number;
  title: string;
  message: string;
  requestId?: string;
}

/**
 * A page's errors as pages: a person's browser never gets the API's JSON. The status is the
 * one the API would answer; the words come from the catalogue (a domain error's own message
 * is written for people and is shown as it is). Unknown errors are logged by the API's
 * mapping and shown with the request id only.
 */
@Catch()
export class PageExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Pages');

  constructor(private readonly renderer: PageRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    if (exception instanceof RedirectError) {
      void reply.header('cache-control', 'no-store').redirect(exception.location, 303);
      return;
    }
    const page = this.describe(exception, request.id, this.renderer.messages);
    if (exception instanceof RetryLaterException) void reply.header('retry-after', exception.retryAfterSeconds);
    if (page.status === 429 && !reply.hasHeader('retry-after')) void reply.header('retry-after', '60');
    // Error pages can sit at a personal address: treat them all as personal.
    this.renderer.platform.send(reply, 'error', page, { title: page.title, status: page.status, personal: true });
  }

  private describe(exception: unknown, requestId: string, m: Messages): ErrorPage {
    if (exception instanceof CrossSiteFormError) {
      return { status: 403, title: m.errors.crossSiteTitle, message: m.errors.crossSite };
    }
    if (exception instanceof DomainError) {
      const status = statusForKind(exception.kind);
      return { status, title: titleFor(status, m), message: exception.message };
    }
    const { statusCode: status, requestId: reference } = toErrorBody(exception, requestId, this.logger);
    return { status, title: titleFor(status, m), message: messageFor(status, m), requestId: reference };
  }
}

function titleFor(status: number, m: Messages): string {
  if (status === 404) return m.errors.notFoundTitle;
  if (status === 429) return m.errors.tooManyTitle;
  if (status >= 500) return m.errors.serverErrorTitle;
  return m.errors.problemTitle;
}

function messageFor(status: number, m: Messages): string {
  if (status === 404) return m.errors.notFound;
  if (status === 429) return m.errors.tooMany;
  if (status >= 500) return m.errors.serverError;
  return m.errors.badRequest;
}
