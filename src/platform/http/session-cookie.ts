import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A browser session's cookie: HttpOnly (no script reads it), SameSite=Lax (another site's
 * form posts go without it), Secure and `__Host-` prefixed when the app is https (so only
 * this exact host, over TLS, can set or read it), and dropped by the browser at the
 * session's absolute lifetime. The session itself (its row, idle and absolute limits) is
 * the owner's.
 */
export class SessionCookie {
  readonly name: string;
  private readonly secure: boolean;

  /** `names.secure` must carry the `__Host-` prefix; `maxAgeS` is the session's absolute lifetime. */
  constructor(
    appUrl: string,
    names: { plain: string; secure: string },
    private readonly maxAgeS: number,
  ) {
    this.secure = new URL(appUrl).protocol === 'https:';
    this.name = this.secure ? names.secure : names.plain;
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
