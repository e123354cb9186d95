import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { bearerToken } from '../../identity/bearer.js';
import { DelegateResolver, NO_DELEGATE } from './delegate-resolver.js';
import type { DelegateRequest } from './delegate-request.js';

/** Resolves "Authorization: Bearer <personal-link token>" to the delegate's registration. */
@Injectable()
export class DelegateGuard implements CanActivate {
  constructor(private readonly delegates: DelegateResolver) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & DelegateRequest>();
    const registration = await this.delegates.resolve(bearerToken(request));
    if (!registration) throw new UnauthorizedException(NO_DELEGATE);
    request.delegate = registration;
    return true;
  }
}
