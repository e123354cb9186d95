import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../platform/config/app-config.js';
import { Clock } from '../../platform/clock/clock.js';
import { newSecretToken, wellFormedTokenHash } from '../../platform/crypto/tokens.js';
import type { AuthUser } from '../auth-user.js';
import { StaffSessionsRepository } from './staff-sessions.repository.js';

/** last_seen_at is written at most this often per session: the idle timeout needs no finer grain. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Server-side staff browser sessions. The cookie holds a random token; the row holds its
 * hash, the account's token version at sign-in, and the idle and absolute limits. Each
 * request reads the row with its account, so signing out (the row goes), signing out
 * everywhere, a password change and deactivation (the version moves) end it on every process.
 */
@Injectable()
export class StaffSessions {
  constructor(
    private readonly sessions: StaffSessionsRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get idleMs(): number {
    return this.config.staffSessionIdleMinutes * 60_000;
  }

  get maxAgeMs(): number {
    return this.config.staffSessionMaxHours * 3600_000;
  }

  /** Begins a session for the account; returns the cookie's token. */
  async start(user: { id: string; tokenVersion: number }): Promise<string> {
    const now = this.clock.now();
    await this.sessions.deleteDeadOf(user.id, now, new Date(now.getTime() - this.idleMs));
    const { token, hash } = newSecretToken();
    await this.sessions.insert(user.id, hash, user.tokenVersion, new Date(now.getTime() + this.maxAgeMs));
    return token;
  }

  /** The user a live session acts as, or undefined (unknown, idle too long, too old, ended, deactivated). */
  async resolve(token: string | undefined): Promise<AuthUser | undefined> {
    const hash = wellFormedTokenHash(token);
    if (!hash) return undefined;
    const row = await this.sessions.findByHash(hash);
    if (!row) return undefined;
    const now = this.clock.now().getTime();
    const idle = now - new Date(row.lastSeenAt).getTime() >= this.idleMs;
    const expired = now >= new Date(row.expiresAt).getTime();
    if (idle || expired || !row.active || row.accountVersion !== row.sessionVersion) {
      await this.sessions.deleteById(row.id);
      return undefined;
    }
    if (now - new Date(row.lastSeenAt).getTime() >= TOUCH_EVERY_MS) await this.sessions.touch(row.id, new Date(now));
    return { id: row.userId, email: row.email, isAdmin: row.isAdmin };
  }

  /** Ends this one session (this browser's sign-out). */
  async end(token: string | undefined): Promise<void> {
    const hash = wellFormedTokenHash(token);
    if (hash) await this.sessions.deleteByHash(hash);
  }
}
