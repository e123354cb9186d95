import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config.js';
import { RedisClient } from '../../redis/redis.module.js';
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
    for (const [key, allowed] of checks) {
      const retryAfterMs = await this.hit(
        `${this.config.queuePrefix}:rl:${rule.bucket}:${key}`,
        allowed,
        rule.windowMs,
      );
      if (retryAfterMs !== undefined) {
        const reply = context.switchToHttp().getResponse<FastifyReply>();
        void reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
        throw new HttpException('Too many requests; wait a little and try again.', HttpStatus.TOO_MANY_REQUESTS);
      }
    }
    return true;
  }

  /** Returns the wait in ms when over the limit. */
  private async hit(key: string, allowed: number, windowMs: number): Promise<number | undefined> {
    const [[, count], [, ttl]] = (await this.redis.multi().incr(key).pttl(key).exec()) as [
      [null, number],
      [null, number],
    ];
    if (ttl < 0) await this.redis.pexpire(key, windowMs);
    return count > allowed ? Math.max(ttl, 1000) : undefined;
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
