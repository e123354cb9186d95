import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, mergeMap, type Observable } from 'rxjs';
import { AppConfig } from '../platform/config/app-config.js';
import { DomainError } from '../platform/errors/domain-error.js';
import { ActorVerifiers } from '../platform/http/actor-verifiers.js';
import { RateCounter, RetryLaterException } from '../platform/http/rate-counter.js';
import { participantClaim } from './canvas-participants.js';
import { CanvasError } from './canvas.errors.js';

const BUCKET = 'join-code-miss';
const MINUTE = 60_000;

/**
 * Guessing join codes is limited per verified participant (cookie or personal link), else per
 * address: every code that finds no canvas counts, and once JOIN_CODE_MISSES_PER_MINUTE are used
 * up every join-code request of that guesser waits (429), right codes included, so a guess
 * cannot be confirmed by trying it. A room of phones typing the right code counts nothing.
 */
@Injectable()
export class JoinCodeGuesses implements NestInterceptor {
  constructor(
    private readonly counter: RateCounter,
    private readonly verifiers: ActorVerifiers,
    private readonly config: AppConfig,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const guesser = (await this.verifiers.verify(participantClaim(request))) ?? `address:${request.ip}`;
    const limit = this.config.joinCodeMissesPerMinute;
    if (!this.config.rateLimitDisabled) {
      const waitMs = await this.counter.peek(BUCKET, guesser, limit);
      if (waitMs > 0) throw new RetryLaterException(waitMs);
    }
    const miss = () => this.counter.hit(BUCKET, [{ key: guesser, limit }], MINUTE);
    return next.handle().pipe(
      // Pages answer an unknown code with their not-found page (status 404) rather than by throwing.
      mergeMap(async (value: unknown) => {
        if (reply.statusCode === 404) await miss();
        return value;
      }),
      catchError(async (error: unknown) => {
        if (error instanceof DomainError && error.code === CanvasError.CanvasNotFound) await miss();
        throw error;
      }),
    );
  }
}
