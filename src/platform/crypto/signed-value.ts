import { createHmac, timingSafeEqual } from 'node:crypto';
import type { KeyPurpose, KeyRing } from './key-ring.js';

/** Values safe to carry in a URL path segment; the MAC follows the last dot. */
const VALUE = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * A short value with an HMAC under the key ring's key for one purpose, for links that act on
 * their own authority (a one-click opt-out): `<value>.<mac>`, URL-safe. Every configured master
 * secret verifies, so links mailed before a rotation keep working while the old one is configured.
 */
export class SignedValues {
  constructor(
    private readonly keys: KeyRing,
    private readonly purpose: KeyPurpose,
  ) {}

  sign(value: string): string {
    if (!VALUE.test(value)) throw new Error('Only URL-safe values up to 128 characters can be signed');
    return `${value}.${this.mac(this.keys.current(this.purpose).key, value)}`;
  }

  /** The value, when the token was signed for this purpose by a configured secret; otherwise undefined. */
  verify(token: string): string | undefined {
    const dot = token.lastIndexOf('.');
    const value = token.slice(0, dot);
    if (dot <= 0 || !VALUE.test(value)) return undefined;
    // Compared as text: base64url decoding would ignore a stray trailing character.
    const given = Buffer.from(token.slice(dot + 1), 'utf8');
    for (const { key } of this.keys.all(this.purpose)) {
      const expected = Buffer.from(this.mac(key, value), 'utf8');
      if (given.length === expected.length && timingSafeEqual(given, expected)) return value;
    }
    return undefined;
  }

  private mac(key: Buffer, value: string): string {
    return createHmac('sha256', key).update(`${this.purpose}:${value}`).digest().subarray(0, 18).toString('base64url');
  }
}
