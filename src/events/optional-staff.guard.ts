import { CanActivate, ExecutionContext, Injectable, createParamDecorator } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../identity/auth-user.js';
import type { AuthenticatedRequest } from '../identity/request-context.js';
import { StaffAuthenticator } from '../identity/staff-authenticator.js';

/**
 * For public routes that show staff a little more (their drafts): a valid staff token of an
 * account in good standing sets the user, anything else leaves the caller anonymous. Never refuses.
 */
@Injectable()
export class OptionalStaffGuard implements CanActivate {
  constructor(private readonly staffAuth: StaffAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    request.user = await this.staffAuth.fromBearer(request);
    return true;
  }
}

/** The staff user if OptionalStaffGuard found one. */
export const MaybeUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthUser | undefined =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().user,
);
