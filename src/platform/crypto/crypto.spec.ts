import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { KeyRing } from './key-ring.js';
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

const ring = (masterSecret: string, masterKeyId = 'k1', previousMasterSecrets?: string) =>
  new KeyRing({ masterSecret, masterKeyId, previousMasterSecrets });

describe('SecretBox', () => {
  const first = 'first-secret-first-secret-first-secret';
  const second = 'second-secret-second-secret-second-secret';

  it('round-trips, names its key id and does not contain the plain text', () => {
    const box = new SecretBox(ring(first), 'personal-link');
    const sealed = box.seal('hello token');
    expect(sealed).not.toContain('hello');
    expect(sealed.startsWith('k1.')).toBe(true);
    expect(box.open(sealed)).toBe('hello token');
  });

  it('refuses a value sealed under another secret or for another purpose', () => {
    const sealed = new SecretBox(ring(first), 'personal-link').seal('x');
    expect(() => new SecretBox(ring(second), 'personal-link').open(sealed)).toThrow();
    expect(() => new SecretBox(ring(first), 'ballot').open(sealed)).toThrow();
  });

  it('still opens what the rotated-out secret sealed while it is configured, and seals under the new one', () => {
    const sealed = new SecretBox(ring(first, 'k1'), 'personal-link').seal('x');
    const rotated = new SecretBox(ring(second, 'k2', `k1:${first}`), 'personal-link');
    expect(rotated.open(sealed)).toBe('x');
    expect(rotated.seal('y').startsWith('k2.')).toBe(true);
    expect(() => new SecretBox(ring(second, 'k2'), 'personal-link').open(sealed)).toThrow();
  });

  it('opens values sealed before key ids, under the key hashed from the secret of the day', () => {
    const key = createHash('sha256').update(`plenary-secret-box:${first}`).digest();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update('legacy token', 'utf8'), cipher.final()]);
    const legacy = [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
    expect(new SecretBox(ring(first), 'personal-link').open(legacy)).toBe('legacy token');
    expect(new SecretBox(ring(second, 'k2', `k1:${first}`), 'personal-link').open(legacy)).toBe('legacy token');
  });
});

describe('KeyRing', () => {
  it('derives a different key for each purpose and each secret', () => {
    const keys = ring('first-secret-first-secret-first-secret');
    const purposes = ['staff-token', 'personal-link', 'participant-cookie', 'ballot', 'flash'] as const;
    const derived = purposes.map((p) => keys.current(p).key.toString('hex'));
    expect(new Set(derived).size).toBe(purposes.length);
    expect(ring('other-secret-other-secret-other-secret').current('staff-token').key).not.toEqual(
      keys.current('staff-token').key,
    );
  });
});
