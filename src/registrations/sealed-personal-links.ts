import { Injectable } from '@nestjs/common';
import { AppConfig } from '../platform/config/app-config.js';
import { KeyRing } from '../platform/crypto/key-ring.js';
import { SecretBox } from '../platform/crypto/secret-box.js';
import { personalLink } from './personal-link.js';

/** Later mail carries the delegate's current personal link again, opened from its sealed copy. */
@Injectable()
export class SealedPersonalLinks {
  private readonly box: SecretBox;

  constructor(
    keys: KeyRing,
    private readonly config: AppConfig,
  ) {
    this.box = new SecretBox(keys, 'personal-link');
  }

  /** The link, or undefined when there is no sealed copy or it no longer opens (a retired key). */
  open(tokenSealed: string | null): string | undefined {
    if (!tokenSealed) return undefined;
    try {
      return personalLink(this.config.appUrl, this.box.open(tokenSealed));
    } catch {
      return undefined;
    }
  }
}
