import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config.js';
import type { ActorClaim } from './actor-verifiers.js';
import { ActorVerifiers } from './actor-verifiers.js';
import { RateCounter, type RateCheck, RetryLaterException } from './rate-counter.js';

export { RetryLaterException };

/** Routes with their own limit, keyed on who is acting rather than the shared venue address. */
export interface RateLimitRule {
  /** Bucket name, part of the Redis key. */
  bucket: string;
  /** Requests allowed per window for one verified actor, and for one address's unverified requests together. */
  limit: (config: AppConfig) => number;
  windowMs: number;
  /** Who the request says is acting; it counts as the actor only once ActorVerifiers confirms it. */
  actor?: (request: FastifyRequest) => ActorClaim | undefined;
  /** Count the actor per address (one email's sign-ins from here), so nobody elsewhere uses up the owner's. */
  actorPerAddress?: boolean;
  /** What one address's verified actors may send together per window; RATE_LIMIT_PER_ADDRESS unless given. */
  addressLimit?: (config: AppConfig) => number;
}

const RATE_LIMIT_KEY = 'plenary:rate-limit';

/**
 * Registered globally: routes without a rule get a per-address backstop; @RateLimit adds a
 * rule keyed on the actor. A verified actor has its own count plus the generous per-address
 * ceiling a room of phones shares; a request whose claim does not verify (a made-up cookie, a
 * token that resolves to nobody, no claim at all) counts with the address's other unverified
 * requests at the rule's own limit, so inventing keys buys nothing. The address is the TCP peer
 * unless TRUST_PROXY names the proxies in front.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly backstop: RateLimitRule = {
    bucket: 'any',
    limit: (config) => config.rateLimitDefault,
    windowMs: 60_000,
  };

  constructor(
    private readonly reflector: Reflector,
    private readonly counter: RateCounter,
    private readonly verifiers: ActorVerifiers,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.config.rateLimitDisabled || context.getType() !== 'http') return true;
    const rule = this.reflector.get<RateLimitRule | undefined>(RATE_LIMIT_KEY, context.getHandler()) ?? this.backstop;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const limit = rule.limit(this.config);
    const actor = rule.actor ? await this.verifiers.verify(rule.actor(request)) : undefined;
    const checks: RateCheck[] = actor
      ? [
          { key: `ip:${request.ip}`, limit: (rule.addressLimit ?? ((c) => c.rateLimitPerAddress))(this.config) },
          { key: rule.actorPerAddress ? `actor:${actor}|${request.ip}` : `actor:${actor}`, limit },
        ]
      : [{ key: `unverified:${request.ip}`, limit }];
    const retryAfterMs = await this.counter.hit(rule.bucket, checks, rule.windowMs);
    if (retryAfterMs > 0) throw new RetryLaterException(retryAfterMs);
    return true;
  }
}

/** A limit for this route keyed on who is acting (the global RateLimitGuard applies it). */
export const RateLimit = (rule: RateLimitRule) => SetMetadata(RATE_LIMIT_KEY, rule);
