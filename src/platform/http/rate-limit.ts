import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config.js';
import { RedisClient } from '../redis/redis.module.js';
import { hashToken } from '../crypto/tokens.js';

/** Routes with their own limit, keyed on who is acting rather than the shared venue IP. */
export interface RateLimitRule {
  /** Bucket name, part of the Redis key. */
  bucket: string;
  /** Requests allowed per window for one key. */
  limit: (config: AppConfig) => number;
  windowMs: number;
  /** Who is acting: an email, a delegate token, a participant cookie. Falls back to the IP. */
  key: (request: FastifyRequest) => string | undefined;
}

const RATE_LIMIT_KEY = 'plenary:rate-limit';

/** A 429 that says how long to wait: the filters (API and pages) send it as Retry-After. */
export class RetryLaterException extends HttpException {
  constructor(readonly retryAfterMs: number) {
    super('Too many requests; wait a little and try again.', HttpStatus.TOO_MANY_REQUESTS);
  }

  get retryAfterSeconds(): string {
    return String(Math.max(1, Math.ceil(this.retryAfterMs / 1000)));
  }
}

/**
 * Fixed windows: INCR each key, start its window on the first hit, and answer the
 * longest wait among keys over their limit (0 when none is).
 * KEYS = counters; ARGV[1] = window ms; ARGV[2..] = the limit of each key.
 */
const HIT_SCRIPT = `
local wait = 0
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then
    redis.call('PEXPIRE', key, ARGV[1])
    ttl = tonumber(ARGV[1])
  end
  if count > tonumber(ARGV[i + 1]) and ttl > wait then wait = ttl end
end
return wait`;

/**
 * Fixed-window counters in Redis, shared by every API process. Registered globally:
 * routes without a rule get a per-IP backstop; @RateLimit adds a rule keyed on the actor.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly backstop: RateLimitRule = {
    bucket: 'any',
    limit: (config) => config.rateLimitDefault,
    windowMs: 60_000,
    key: () => undefined,
  };

  constructor(
    private readonly reflector: Reflector,
    private readonly redis: RedisClient,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.config.rateLimitDisabled || context.getType() !== 'http') return true;
    const rule = this.reflector.get<RateLimitRule | undefined>(RATE_LIMIT_KEY, context.getHandler()) ?? this.backstop;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const limit = rule.limit(this.config);
    const actor = rule.key(request);
    // The actor's own bucket, and the IP as a generous backstop (many delegates share venue Wi-Fi).
    const checks: Array<[string, number]> = [[`ip:${request.ip}`, actor ? limit * 10 : limit]];
    if (actor) checks.push([`k:${hashToken(actor)}`, limit]);
    const retryAfterMs = await this.hit(
      checks.map(([key]) => `${this.config.queuePrefix}:rl:${rule.bucket}:${key}`),
      checks.map(([, allowed]) => allowed),
      rule.windowMs,
    );
    if (retryAfterMs > 0) throw new RetryLaterException(retryAfterMs);
    return true;
  }

  /** Counts one hit on every key in one round trip; returns the wait in ms when any is over its limit, else 0. */
  private async hit(keys: string[], limits: number[], windowMs: number): Promise<number> {
    const wait = await this.redis.eval(HIT_SCRIPT, keys.length, ...keys, windowMs, ...limits);
    return Number(wait);
  }
}

/** A limit for this route keyed on who is acting (the global RateLimitGuard applies it). */
export const RateLimit = (rule: RateLimitRule) => SetMetadata(RATE_LIMIT_KEY, rule);

/** Key helpers for rules. */
export const bodyField =
  (field: string) =>
  (request: FastifyRequest): string | undefined => {
    const value = (request.body as Record<string, unknown> | undefined)?.[field];
    return typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  };

export const authorizationHeader = (request: FastifyRequest): string | undefined =>
  typeof request.headers.authorization === 'string' ? request.headers.authorization : undefined;
