import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyPurpose, KeyRing } from './key-ring.js';

const b64 = (part: Buffer) => part.toString('base64url');

/**
 * Seals short secrets with AES-256-GCM under the key ring's key for one purpose
 * ('personal-link' for a delegate's personal-link token, 'ballot' for sealed ballots), so
 * the database never holds them in clear and a value sealed for one purpose never opens as
 * another. A sealed value starts with its key id, so it still opens after the master secret
 * is rotated (while the old one is configured). `context` is bound to the sealed value
 * (GCM's additional data): a value moved to another row's context does not open.
 */
export class SecretBox {
  constructor(
    private readonly keys: KeyRing,
    private readonly purpose: KeyPurpose,
  ) {}

  seal(plain: string, context?: string): string {
    const { id, key } = this.keys.current(this.purpose);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    if (context !== undefined) cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [id, b64(iv), b64(cipher.getAuthTag()), b64(body)].join('.');
  }

  open(sealed: string, context?: string): string {
    const parts = sealed.split('.');
    // Three parts: sealed before key ids, under a key hashed from the secret of the day.
    if (parts.length === 3) return this.openWithAny(this.keys.legacy(this.purpose), parts, context);
    const [id, ...rest] = parts;
    const key = parts.length === 4 && id ? this.keys.byId(this.purpose, id) : undefined;
    if (!key) throw new Error('Sealed under a key that is not configured');
    return this.openWith(key, rest, context);
  }

  private openWithAny(keys: Buffer[], parts: string[], context?: string): string {
    for (const key of keys) {
      try {
        return this.openWith(key, parts, context);
      } catch {
        // The next configured secret may be the one it was sealed under.
      }
    }
    throw new Error('Sealed under a key that is not configured');
  }

  private openWith(key: Buffer, parts: string[], context?: string): string {
    const [iv, tag, body] = parts.map((part) => Buffer.from(part, 'base64url'));
    if (!iv || !tag || !body) throw new Error('Malformed sealed value');
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    if (context !== undefined) decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }
}
