import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../config/app-config.js';
import { KeyRing } from '../crypto/key-ring.js';
import type { Messages } from './messages.en-GB.js';

export type FlashKey = keyof Messages['flash'];

const FLASH_COOKIE = 'plenary_flash';
/** Long enough to survive the redirect, short enough not to greet a later visit. */
const FLASH_MAX_AGE_S = 60;

/**
 * One-shot messages after redirect-after-post ("Your details have been saved."). The cookie
 * holds only a catalogue key, signed so another site cannot plant a message; it is read and
 * cleared by the next page the renderer sends.
 */
@Injectable()
export class Flash {
  private readonly secure: boolean;

  constructor(
    config: AppConfig,
    private readonly keys: KeyRing,
  ) {
    this.secure = config.appUrl.startsWith('https:');
  }

  /** A 303 to `location` that shows `key` on the page it lands on. */
  redirect(reply: FastifyReply, location: string, key?: FlashKey): FastifyReply {
    if (key) {
      void reply.setCookie(FLASH_COOKIE, `${key}.${this.sign(key)}`, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: this.secure,
        maxAge: FLASH_MAX_AGE_S,
      });
    }
    return reply.header('cache-control', 'no-store').redirect(location, 303);
  }

  /** The waiting message's key, if any (and a well-signed one), clearing it. */
  take(request: FastifyRequest, reply: FastifyReply): FlashKey | undefined {
    const cookie = (request.cookies as Record<string, string | undefined> | undefined)?.[FLASH_COOKIE];
    if (!cookie) return undefined;
    void reply.clearCookie(FLASH_COOKIE, { path: '/' });
    const dot = cookie.lastIndexOf('.');
    const key = cookie.slice(0, dot);
    const given = Buffer.from(cookie.slice(dot + 1));
    const expected = Buffer.from(this.sign(key));
    return dot > 0 && given.length === expected.length && timingSafeEqual(given, expected)
      ? (key as FlashKey)
      : undefined;
  }

  private sign(key: string): string {
    // Flash cookies live seconds: signed and checked with the current key only.
    return createHmac('sha256', this.keys.current('flash').key).update(`flash:${key}`).digest('base64url');
  }
}
