import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { DomainError } from '../errors/domain-error.js';
import { statusForKind } from '../errors/http-status.js';
import { mapPostgresError } from '../errors/postgres-errors.js';
import { ErrorBody, errorBody } from './error-body.js';
import { RetryLaterException } from './rate-limit.js';

/**
 * Turns every error into the API's one JSON shape. Domain errors and known PostgreSQL
 * errors become 4xx; anything else is a 500 that logs the cause and returns only the
 * request id.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const body = this.toBody(exception, request.id);
    if (exception instanceof RetryLaterException) void reply.header('retry-after', exception.retryAfterSeconds);
    if (body.statusCode === 429 && !reply.hasHeader('retry-after')) {
      void reply.header('retry-after', '60');
    }
    void reply.status(body.statusCode).type('application/json; charset=utf-8').send(body);
  }

  toBody(exception: unknown, requestId: string): ErrorBody {
    return toErrorBody(exception, requestId, this.logger);
  }
}

export function toErrorBody(exception: unknown, requestId: string, logger: Logger): ErrorBody {
  if (exception instanceof DomainError) {
    return errorBody(statusForKind(exception.kind), exception.message);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? (response as { message: string | string[] }).message
        : exception.message;
    if (status >= 500) logger.error({ err: exception, requestId }, 'HTTP exception');
    return errorBody(
      status,
      status >= 500 ? 'Something went wrong on our side.' : message,
      status >= 500 ? requestId : undefined,
    );
  }
  if (exception instanceof QueryFailedError) {
    const mapped = mapPostgresError(exception.driverError as { code?: string; constraint?: string });
    if (mapped) return errorBody(mapped.status, mapped.message);
  }
  if (exception instanceof RangeError) {
    // A stack overflow or an impossible size or date, reached from the input: the client's to fix,
    // and a stack per request would let anyone fill the log.
    logger.warn({ requestId, error: exception.message }, 'Request refused: RangeError');
    return errorBody(
      HttpStatus.BAD_REQUEST,
      'The request could not be handled: it is too large, deep or out of range.',
    );
  }
  const fastifyStatus = (exception as { statusCode?: unknown } | null)?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    return errorBody(fastifyStatus, fastifyMessage(fastifyStatus));
  }
  logger.error({ err: exception, requestId }, 'Unhandled error');
  return errorBody(HttpStatus.INTERNAL_SERVER_ERROR, 'Something went wrong on our side.', requestId);
}

/** Fastify's own messages can quote the input; ours are fixed sentences. */
function fastifyMessage(status: number): string {
  switch (status) {
    case 413:
      return 'The request body is too large.';
    case 415:
      return 'Send the body as application/json.';
    case 404:
      return 'There is nothing at this address.';
    default:
      return 'The request could not be read (check that the body is valid JSON).';
  }
}
