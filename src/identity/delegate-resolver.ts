import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { sameDigest, wellFormedTokenHash } from '../platform/crypto/tokens.js';
import { Registration } from '../registrations/registration.entity.js';

/** What a caller without a usable personal-link token is told. */
export const NO_DELEGATE =
  'Use the personal link from your confirmation email (send its token as "Authorization: Bearer …").';

/**
 * Finds the registration a personal-link token belongs to. The guards use it, and so do the
 * places that take a token another way (the personal page, canvas participants, ballots).
 */
@Injectable()
export class DelegateResolver {
  constructor(@InjectRepository(Registration) private readonly registrations: Repository<Registration>) {}

  async resolve(token: string | undefined): Promise<Registration | undefined> {
    const hash = wellFormedTokenHash(token);
    return hash ? this.resolveHash(hash) : undefined;
  }

  /** The registration whose token has this SHA-256 (as DelegateTokenGuard leaves it), unless erased. */
  async resolveHash(hash: string): Promise<Registration | undefined> {
    const registration = await this.registrations.findOne({ where: { tokenHash: hash } });
    // The lookup is by hash; the comparison is constant-time all the same.
    if (!registration || !sameDigest(registration.tokenHash, hash) || registration.erasedAt) return undefined;
    return registration;
  }
}
