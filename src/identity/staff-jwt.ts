import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../platform/config/app-config.js';
import { KeyRing } from '../platform/crypto/key-ring.js';
import type { JwtClaims } from './auth-user.js';

/** The algorithm is pinned on both sides: a token signed otherwise (or alg:none) is refused. */
export const JWT_ALGORITHM = 'HS256';

/** What a well-signed, unexpired token says; StaffAuthenticator checks it against the account. */
export interface TokenClaims {
  userId: string;
  tokenVersion: number;
}

@Injectable()
export class StaffJwt {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly keys: KeyRing,
  ) {}

  /** No admin flag in the token: rights are read from the account on every request. */
  sign(user: { id: string; email: string; tokenVersion: number }): Promise<string> {
    const claims: JwtClaims = { sub: user.id, email: user.email, ver: user.tokenVersion };
    const { id, key } = this.keys.current('staff-token');
    return this.jwt.signAsync(claims, {
      secret: key,
      keyid: id,
      algorithm: JWT_ALGORITHM,
      expiresIn: this.config.jwtExpiresIn as `${number}h`,
    });
  }

  /**
   * The claims, or undefined for anything forged, expired or malformed. The token's key id
   * picks the key (the current one, or one rotated out but still configured).
   */
  async verify(token: string): Promise<TokenClaims | undefined> {
    try {
      const kid = (this.jwt.decode<{ header?: { kid?: unknown } } | null>(token, { complete: true }) ?? {}).header?.kid;
      const key = typeof kid === 'string' ? this.keys.byId('staff-token', kid) : undefined;
      if (!key) return undefined;
      const claims = await this.jwt.verifyAsync<Partial<JwtClaims> & { exp?: number }>(token, {
        secret: key,
        algorithms: [JWT_ALGORITHM],
      });
      if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return undefined;
      if (typeof claims.ver !== 'number' || !Number.isInteger(claims.ver)) return undefined;
      return { userId: claims.sub, tokenVersion: claims.ver };
    } catch {
      return undefined;
    }
  }
}
