import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { isApiPath } from '../platform/http/body-parsers.js';
import type { AuthUser } from './auth-user.js';
import { bearerToken } from './bearer.js';
import { StaffSessionCookie } from './sessions/staff-session-cookie.js';
import { StaffSessions } from './sessions/staff-sessions.js';
import { StaffJwt } from './staff-jwt.js';
import { UsersRepository } from './users/users.repository.js';

/**
 * Turns a staff credential into the user it acts as, checked against the account as it is
 * now: it exists, it is active, the credential's token version is the account's current one
 * (sign-out, a password change and deactivation bump it), and the admin flag is the row's.
 * No cache: one primary-key read per request, so an ended right ends on every process at once.
 */
@Injectable()
export class StaffAuthenticator {
  constructor(
    private readonly jwt: StaffJwt,
    private readonly users: UsersRepository,
    private readonly sessions: StaffSessions,
    private readonly cookie: StaffSessionCookie,
  ) {}

  /**
   * The bearer token if the request has one; otherwise, on page routes only, the session
   * cookie. The JSON API never takes the cookie, so no other site can make a browser call it.
   */
  async fromRequest(request: FastifyRequest): Promise<AuthUser | undefined> {
    const token = bearerToken(request);
    if (token !== undefined) return this.fromToken(token);
    return isApiPath(request.url) ? undefined : this.sessions.resolve(this.cookie.read(request));
  }

  /** The staff user behind the request's bearer token only; a delegate's token or a bad one gives undefined. */
  fromBearer(request: FastifyRequest): Promise<AuthUser | undefined> {
    return this.fromToken(bearerToken(request));
  }

  async fromToken(token: string | undefined): Promise<AuthUser | undefined> {
    const claims = token ? await this.jwt.verify(token) : undefined;
    return claims ? this.standingUser(claims.userId, claims.tokenVersion) : undefined;
  }

  /** The user if the account exists, is active and still has this token version. */
  async standingUser(userId: string, tokenVersion: number): Promise<AuthUser | undefined> {
    const account = await this.users.standing(userId);
    if (!account || !account.active || account.tokenVersion !== tokenVersion) return undefined;
    return { id: account.id, email: account.email, isAdmin: account.isAdmin };
  }
}
