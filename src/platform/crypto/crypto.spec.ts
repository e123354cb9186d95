import { SecretBox } from './secret-box.js';
import { hashToken, looksLikeSecretToken, newSecretToken, sameDigest } from './tokens.js';

describe('secret tokens', () => {
  it('makes 32-byte tokens whose hash matches', () => {
    const { token, hash } = newSecretToken();
    expect(looksLikeSecretToken(token)).toBe(true);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(sameDigest(hashToken(token), hash)).toBe(true);
    expect(sameDigest(hashToken(`${token}x`), hash)).toBe(false);
  });

  it('refuses malformed tokens', () => {
    expect(looksLikeSecretToken('short')).toBe(false);
    expect(looksLikeSecretToken(`${'a'.repeat(42)}!`)).toBe(false);
  });
});

describe('SecretBox', () => {
  it('round-trips and does not contain the plain text', () => {
    const box = new SecretBox('a-secret-that-is-long-enough-for-tests');
    const sealed = box.seal('hello token');
    expect(sealed).not.toContain('hello');
    expect(box.open(sealed)).toBe('hello token');
  });

  it('refuses a value sealed under another key', () => {
    const sealed = new SecretBox('first-secret-first-secret-first-secret').seal('x');
    expect(() => new SecretBox('other-secret-other-secret-other-secret').open(sealed)).toThrow();
  });
});
