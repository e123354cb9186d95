import { Injectable } from '@nestjs/common';
import { sameDigest, wellFormedTokenHash } from '../../platform/crypto/tokens.js';
import type { Registration } from '../registration.entity.js';
import { PersonalLinksRepository } from './personal-links.repository.js';

/** What a caller without a usable personal-link token is told. */
export const NO_DELEGATE =
  'Use the personal link from your confirmation email (send its token as "Authorization: Bearer …").';

/**
 * Finds the registration a personal-link token belongs to. The guards use it, and so do the
 * places that take a token another way (the personal page, canvas participants, ballots).
 */
@Injectable()
export class DelegateResolver {
  constructor(private readonly links: PersonalLinksRepository) {}

  async resolve(token: string | undefined): Promise<Registration | undefined> {
    const hash = wellFormedTokenHash(token);
    return hash ? this.resolveHash(hash) : undefined;
  }

  /** The registration whose token has this SHA-256 (as DelegateTokenGuard leaves it), unless erased. */
  async resolveHash(hash: string): Promise<Registration | undefined> {
    const registration = await this.links.findByTokenHash(hash);
    // The lookup is by hash; the comparison is constant-time all the same.
    if (!registration || !sameDigest(registration.tokenHash, hash) || registration.erasedAt) return undefined;
    if (!registration.linkUsedAt) await this.markLinkUsed(registration);
    return registration;
  }

  /**
   * The first use of the link proves the mailbox's owner has it (only they were sent it), so
   * from now on mail may greet them by the name they gave. Once per registration.
   */
  private async markLinkUsed(registration: Registration): Promise<void> {
    const at = new Date();
    await this.links.markLinkUsed(registration.id, at);
    registration.linkUsedAt = at;
  }
}
