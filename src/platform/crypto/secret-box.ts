import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Seals short secrets with AES-256-GCM under a key derived from the app secret, so the
 * database never holds them in clear. Each purpose gets its own key ('secret-box' for a
 * delegate's personal-link token waiting in the outbox, 'ballot' for sealed ballots), so a
 * value sealed for one purpose never opens as another. `context` is bound to the sealed
 * value (GCM's additional data): a value moved to another row's context does not open.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secret: string, purpose = 'secret-box') {
    this.key = createHash('sha256').update(`plenary-${purpose}:${secret}`).digest();
  }

  seal(plain: string, context?: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    if (context !== undefined) cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
  }

  open(sealed: string, context?: string): string {
    const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
    if (!iv || !tag || !body) throw new Error('Malformed sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    if (context !== undefined) decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }
}
