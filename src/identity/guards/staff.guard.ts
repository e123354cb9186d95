import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { bearerToken } from '../bearer.js';
import type { AuthenticatedRequest } from '../request-context.js';
import { StaffJwt } from '../staff-jwt.js';

/** A logged-in staff user (valid JWT). */
@Injectable()
export class StaffGuard implements CanActivate {
  constructor(private readonly jwt: StaffJwt) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const token = bearerToken(request);
    const user = token ? await this.jwt.verify(token) : undefined;
    if (!user) throw new UnauthorizedException('Log in first: send a valid access token as "Authorization: Bearer …".');
    request.user = user;
    return true;
  }
}
