import { Injectable } from '@nestjs/common';
import { createHash, hkdfSync } from 'node:crypto';
import { AppConfig } from '../config/app-config.js';

/** Each purpose has its own key, so a value made for one is never accepted as another. */
export type KeyPurpose =
  'staff-token' | 'personal-link' | 'participant-cookie' | 'ballot' | 'flash' | 'reminder-opt-out' | 'link-officer-sign-in';

export interface Key {
  /** The master secret's key id (MASTER_KEY_ID, or the id it had in PREVIOUS_MASTER_SECRETS). */
  id: string;
  key: Buffer;
}

/** Purposes whose sealed values predate key ids, and the name their key was hashed from. */
const LEGACY_PURPOSE: Partial<Record<KeyPurpose, string>> = { 'personal-link': 'secret-box', ballot: 'ballot' };

/**
 * The application's keys, derived with HKDF-SHA-256 from the master secret (MASTER_SECRET)
 * and from each rotated-out one (PREVIOUS_MASTER_SECRETS): the current master signs and
 * seals, every configured one still verifies and opens. Rotating means: give the current
 * secret an id in PREVIOUS_MASTER_SECRETS, set a new MASTER_SECRET and MASTER_KEY_ID.
 */
@Injectable()
export class KeyRing {
  private readonly secrets: Array<{ id: string; secret: string }>;
  private readonly derived = new Map<string, Buffer>();

  constructor(config: Pick<AppConfig, 'masterSecret' | 'masterKeyId' | 'previousMasterSecrets'>) {
    const previous = (config.previousMasterSecrets ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => ({ id: pair.slice(0, pair.indexOf(':')), secret: pair.slice(pair.indexOf(':') + 1) }));
    this.secrets = [{ id: config.masterKeyId, secret: config.masterSecret }, ...previous];
  }

  /** The key new tokens, cookies and sealed values use. */
  current(purpose: KeyPurpose): Key {
    return { id: this.secrets[0].id, key: this.derive(purpose, this.secrets[0]) };
  }

  /** The key of that id, current or rotated out; undefined for an id nobody configured. */
  byId(purpose: KeyPurpose, id: string): Buffer | undefined {
    const secret = this.secrets.find((s) => s.id === id);
    return secret ? this.derive(purpose, secret) : undefined;
  }

  /** Every configured key, current first: for values that do not name theirs (signed cookies). */
  all(purpose: KeyPurpose): Key[] {
    return this.secrets.map((secret) => ({ id: secret.id, key: this.derive(purpose, secret) }));
  }

  /**
   * The keys values sealed before key ids were opened with (SHA-256 of the purpose and the
   * secret, which was JWT_SECRET then), so personal links and ballots sealed then still open.
   */
  legacy(purpose: KeyPurpose): Buffer[] {
    const name = LEGACY_PURPOSE[purpose];
    if (!name) return [];
    return this.secrets.map(({ secret }) => createHash('sha256').update(`plenary-${name}:${secret}`).digest());
  }

  private derive(purpose: KeyPurpose, { id, secret }: { id: string; secret: string }): Buffer {
    const name = `${purpose}:${id}`;
    let key = this.derived.get(name);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', secret, 'plenary', `plenary:${purpose}`, 32));
      this.derived.set(name, key);
    }
    return key;
  }
}
