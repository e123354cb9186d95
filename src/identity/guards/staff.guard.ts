import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { isApiPath } from '../../platform/http/body-parsers.js';
import { RedirectError } from '../../platform/web/redirect.js';
import type { AuthenticatedRequest } from '../request-context.js';
import { StaffAuthenticator } from '../staff-authenticator.js';

/** Where a staff page sends a browser without a session. */
export const STAFF_SIGN_IN_PATH = '/staff/sign-in';

/**
 * A signed-in staff user: a valid token (API and pages) or session cookie (pages) of an
 * account that exists, is active and has not signed out since. A page without one sends the
 * browser to the sign-in page; the API answers 401.
 */
@Injectable()
export class StaffGuard implements CanActivate {
  constructor(private readonly staffAuth: StaffAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const user = request.user ?? (await this.staffAuth.fromRequest(request));
    if (!user) {
      if (!isApiPath(request.url)) throw new RedirectError(STAFF_SIGN_IN_PATH);
      throw new UnauthorizedException('Log in first: send a valid access token as "Authorization: Bearer …".');
    }
    request.user = user;
    return true;
  }
}
