import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { hashToken } from '../crypto/tokens.js';
import { RedisClient } from '../redis/redis.module.js';

/** One counter to hit: its key (hashed before it reaches Redis) and how many hits a window allows. */
export interface RateCheck {
  key: string;
  limit: number;
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

/** Fixed-window counters in Redis, shared by every API process. */
@Injectable()
export class RateCounter {
  constructor(
    private readonly redis: RedisClient,
    private readonly config: AppConfig,
  ) {}

  /** Counts one hit on every check in one round trip; the wait in ms when any is over its limit, else 0. */
  async hit(bucket: string, checks: RateCheck[], windowMs: number): Promise<number> {
    const keys = checks.map(({ key }) => this.redisKey(bucket, key));
    const wait = await this.redis.eval(HIT_SCRIPT, keys.length, ...keys, windowMs, ...checks.map((c) => c.limit));
    return Number(wait);
  }

  /** The wait in ms when `key` has used up `limit` in the current window, else 0; counts nothing. */
  async peek(bucket: string, key: string, limit: number): Promise<number> {
    return Number(await this.redis.eval(PEEK_SCRIPT, 1, this.redisKey(bucket, key), limit));
  }

  private redisKey(bucket: string, key: string): string {
    return `${this.config.queuePrefix}:rl:${bucket}:${hashToken(key)}`;
  }
}

/** The wait in ms when `key` has already had `limit` hits this window (without counting one), else 0. */
const PEEK_SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count < tonumber(ARGV[1]) then return 0 end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then return 0 end
return ttl`;

/** A 429 that says how long to wait: the filters (API and pages) send it as Retry-After. */
export class RetryLaterException extends HttpException {
  constructor(readonly retryAfterMs: number) {
    super('Too many requests; wait a little and try again.', HttpStatus.TOO_MANY_REQUESTS);
  }

  get retryAfterSeconds(): string {
    return String(Math.max(1, Math.ceil(this.retryAfterMs / 1000)));
  }
}
