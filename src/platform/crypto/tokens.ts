import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A bearer secret: 32 random bytes, base64url. Only its SHA-256 is stored. */
export function newSecretToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Constant-time comparison of two hex digests of equal length. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A well-formed delegate token (43 base64url characters); anything else is refused before a query. */
export const looksLikeSecretToken = (value: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(value);

/** The hash to look a delegate token up by, or undefined when the value is no well-formed token. */
export const wellFormedTokenHash = (value: string | undefined): string | undefined =>
  value !== undefined && looksLikeSecretToken(value) ? hashToken(value) : undefined;
