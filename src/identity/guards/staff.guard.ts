import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { bearerToken } from '../bearer.js';
import type { AuthenticatedRequest } from '../request-context.js';
import { StaffAuthenticator } from '../staff-authenticator.js';

/** A signed-in staff user: a valid token of an account that exists, is active and has not signed out since. */
@Injectable()
export class StaffGuard implements CanActivate {
  constructor(private readonly staffAuth: StaffAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const user = request.user ?? (await this.staffAuth.fromToken(bearerToken(request)));
    if (!user) throw new UnauthorizedException('Log in first: send a valid access token as "Authorization: Bearer …".');
    request.user = user;
    return true;
  }
}
