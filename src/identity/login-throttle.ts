import { Injectable } from '@nestjs/common';
import { AppConfig } from '../platform/config/app-config.js';
import { hashToken } from '../platform/crypto/tokens.js';
import { RedisClient } from '../platform/redis/redis.module.js';

/** The window failures are counted in. */
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60_000;
/** How long an address an account signed in from stays its owner's (not stopped by the per-email backstop). */
const KNOWN_ADDRESS_MS = 30 * 24 * 3600_000;
const MAX_WAIT_S = 15 * 60;

/**
 * Seconds an (email, address) pair waits after its n-th failure in the window: nothing for
 * the first `free` ones, then 1 s, 2 s, 4 s … up to 15 minutes.
 */
export function waitAfterFailure(failures: number, free: number): number {
  return failures <= free ? 0 : Math.min(2 ** (failures - free - 1), MAX_WAIT_S);
}

/**
 * Failed sign-ins, counted in Redis so every API process sees the same. The wait is kept per
 * (email, address): someone guessing from elsewhere cannot make the owner wait. A looser
 * per-email backstop stops a spray from many addresses, but not the addresses the account
 * has signed in from. Nothing here sleeps: a wait is answered at once (429, Retry-After).
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly redis: RedisClient,
    private readonly config: AppConfig,
  ) {}

  private keys(email: string, ip: string) {
    const base = `${this.config.queuePrefix}:login`;
    const account = hashToken(`email:${email}`);
    const pair = hashToken(`pair:${email}|${ip}`);
    return {
      pairFailures: `${base}:pf:${pair}`,
      pairWait: `${base}:pw:${pair}`,
      emailUnsuccessful: `${base}:eu:${account}`,
      known: `${base}:known:${account}`,
      alerted: `${base}:alerted:${account}`,
      address: hashToken(`ip:${ip}`),
    };
  }

  /** How long this attempt must wait (ms) before its password is even checked; 0 to go ahead. */
  async waitBefore(email: string, ip: string): Promise<number> {
    const k = this.keys(email, ip);
    const [pairWait, unsuccessful, known] = await Promise.all([
      this.redis.pttl(k.pairWait),
      this.redis.get(k.emailUnsuccessful),
      this.redis.sismember(k.known, k.address),
    ]);
    if (pairWait > 0) return pairWait;
    if (known === 1 || Number(unsuccessful ?? 0) < this.config.loginEmailFailureLimit) return 0;
    return Math.max(1000, await this.redis.pttl(k.emailUnsuccessful));
  }

  /**
   * Counts an unsuccessful attempt (a wrong password, or one refused for waiting) against the
   * email; a wrong password also against the pair, starting its next wait. Returns the
   * email's unsuccessful attempts in the window.
   */
  async unsuccessful(email: string, ip: string, wrongPassword: boolean): Promise<number> {
    const k = this.keys(email, ip);
    if (wrongPassword) {
      const failures = await this.countInWindow(k.pairFailures);
      const waitS = waitAfterFailure(failures, this.config.loginFreeFailures);
      if (waitS > 0) await this.redis.set(k.pairWait, '1', 'PX', waitS * 1000);
    }
    return this.countInWindow(k.emailUnsuccessful);
  }

  /** The pair starts afresh, and the address becomes one of the owner's. */
  async succeeded(email: string, ip: string): Promise<void> {
    const k = this.keys(email, ip);
    await this.redis
      .multi()
      .del(k.pairFailures, k.pairWait)
      .sadd(k.known, k.address)
      .pexpire(k.known, KNOWN_ADDRESS_MS)
      .exec();
  }

  /** True once per hour per account: whether to tell its owner about the failures now. */
  async firstAlertThisHour(email: string): Promise<boolean> {
    return (await this.redis.set(this.keys(email, '').alerted, '1', 'PX', 3600_000, 'NX')) === 'OK';
  }

  private async countInWindow(key: string): Promise<number> {
    const [[, count]] = (await this.redis.multi().incr(key).pexpire(key, LOGIN_FAILURE_WINDOW_MS, 'NX').exec()) as [
      [Error | null, number],
      [Error | null, number],
    ];
    return count;
  }
}
