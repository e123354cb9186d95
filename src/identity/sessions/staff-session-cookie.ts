import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../../platform/config/app-config.js';

/** The session cookie's name over http and over https (where it is `__Host-` prefixed). */
export const STAFF_SESSION_COOKIE = { plain: 'plenary_staff', secure: '__Host-plenary_staff' } as const;

/** The actor kind of a staff session cookie, for the rate limits (StaffActor verifies it). */
export const STAFF_SESSION_ACTOR = 'staff-session';

/**
 * The staff session cookie: HttpOnly (no script reads it), SameSite=Lax (another site's
 * form posts go without it), Secure and `__Host-` prefixed when the app is https (so only
 * this exact host, over TLS, can set or read it), and dropped by the browser at the
 * session's absolute lifetime.
 */
@Injectable()
export class StaffSessionCookie {
  readonly name: string;
  private readonly secure: boolean;
  private readonly maxAgeS: number;

  constructor(config: AppConfig) {
    this.secure = new URL(config.appUrl).protocol === 'https:';
    this.name = this.secure ? STAFF_SESSION_COOKIE.secure : STAFF_SESSION_COOKIE.plain;
    this.maxAgeS = config.staffSessionMaxHours * 3600;
  }

  read(request: FastifyRequest): string | undefined {
    return (request.cookies as Record<string, string | undefined> | undefined)?.[this.name];
  }

  set(reply: FastifyReply, token: string): void {
    void reply.setCookie(this.name, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure,
      maxAge: this.maxAgeS,
    });
  }

  clear(reply: FastifyReply): void {
    void reply.clearCookie(this.name, { path: '/', httpOnly: true, sameSite: 'lax', secure: this.secure });
  }
}
