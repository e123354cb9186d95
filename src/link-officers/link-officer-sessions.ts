import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '../platform/clock/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { newSecretToken, wellFormedTokenHash } from '../platform/crypto/tokens.js';
import { SessionCookie } from '../platform/http/session-cookie.js';
import { LinkOfficersRepository } from './link-officers.repository.js';

/** last_seen_at is written at most this often: the idle timeout needs no finer grain. */
const TOUCH_EVERY_MS = 60_000;

/**
 * A link officer's browser session, with the staff session's properties: the cookie holds a
 * random token (HttpOnly, SameSite=Lax, Secure and `__Host-` prefixed on https), the row its
 * hash and the idle and absolute limits (the staff sessions' settings); signing out deletes it.
 */
@Injectable()
export class LinkOfficerSessions {
  private readonly cookie: SessionCookie;

  constructor(
    private readonly repo: LinkOfficersRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.cookie = new SessionCookie(
      config.appUrl,
      { plain: 'plenary_link_officer', secure: '__Host-plenary_link_officer' },
      this.maxAgeMs / 1000,
    );
  }

  private get idleMs(): number {
    return this.config.staffSessionIdleMinutes * 60_000;
  }

  private get maxAgeMs(): number {
    return this.config.staffSessionMaxHours * 3600_000;
  }

  async start(reply: FastifyReply, email: string): Promise<void> {
    const now = this.clock.now();
    const { token, hash } = newSecretToken();
    await this.repo.insertSession(hash, email, now, new Date(now.getTime() + this.maxAgeMs));
    this.cookie.set(reply, token);
  }

  /** The signed-in link officer's address, or undefined (none, idle too long, too old, ended). */
  async resolve(request: FastifyRequest): Promise<string | undefined> {
    const hash = wellFormedTokenHash(this.cookie.read(request));
    if (!hash) return undefined;
    const row = await this.repo.findSession(hash);
    if (!row) return undefined;
    const now = this.clock.now().getTime();
    const idle = now - new Date(row.lastSeenAt).getTime() >= this.idleMs;
    if (idle || now >= new Date(row.expiresAt).getTime()) {
      await this.repo.deleteSession(row.id);
      return undefined;
    }
    if (now - new Date(row.lastSeenAt).getTime() >= TOUCH_EVERY_MS) await this.repo.touchSession(row.id, new Date(now));
    return row.email;
  }

  async end(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const hash = wellFormedTokenHash(this.cookie.read(request));
    if (hash) await this.repo.deleteSessionByHash(hash);
    this.cookie.clear(reply);
  }
}
