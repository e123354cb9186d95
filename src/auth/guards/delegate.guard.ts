import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { Repository } from 'typeorm';
import { hashToken, looksLikeSecretToken, sameDigest } from '../../common/crypto/tokens.js';
import { Registration } from '../../registrations/registration.entity.js';
import { bearerToken } from '../bearer.js';
import type { AuthenticatedRequest } from '../request-context.js';

export const NO_DELEGATE =
  'Use the personal link from your confirmation email (send its token as "Authorization: Bearer …").';

/** Resolves "Authorization: Bearer <personal-link token>" to the delegate's registration. */
@Injectable()
export class DelegateGuard implements CanActivate {
  constructor(@InjectRepository(Registration) private readonly registrations: Repository<Registration>) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const registration = await this.resolve(bearerToken(request));
    if (!registration) throw new UnauthorizedException(NO_DELEGATE);
    request.delegate = registration;
    return true;
  }

  async resolve(token: string | undefined): Promise<Registration | undefined> {
    if (!token || !looksLikeSecretToken(token)) return undefined;
    return this.resolveHash(hashToken(token));
  }

  /** The registration whose token has this SHA-256 (as DelegateTokenGuard leaves it), unless erased. */
  async resolveHash(hash: string): Promise<Registration | undefined> {
    const registration = await this.registrations.findOne({ where: { tokenHash: hash } });
    // The lookup is by hash; the comparison is constant-time all the same.
    if (!registration || !sameDigest(registration.tokenHash, hash) || registration.erasedAt) return undefined;
    return registration;
  }
}
