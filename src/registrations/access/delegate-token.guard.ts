import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { wellFormedTokenHash } from '../../platform/crypto/tokens.js';
import { bearerToken } from '../../identity/bearer.js';
import type { DelegateRequest } from './delegate-request.js';
import { NO_DELEGATE } from './delegate-resolver.js';

/**
 * For a route whose own statement checks the token (the ballot): refuses a missing or
 * malformed personal-link token and leaves its hash on the request, without a lookup. The
 * route must resolve the hash itself before it tells the caller anything but "done".
 */
@Injectable()
export class DelegateTokenGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest & DelegateRequest>();
    const hash = wellFormedTokenHash(bearerToken(request));
    if (!hash) throw new UnauthorizedException(NO_DELEGATE);
    request.delegateTokenHash = hash;
    return true;
  }
}
