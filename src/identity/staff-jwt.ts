import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../platform/config/app-config.js';
import type { AuthUser, JwtClaims } from './auth-user.js';

/** The algorithm is pinned on both sides: a token signed otherwise (or alg:none) is refused. */
export const JWT_ALGORITHM = 'HS256';

@Injectable()
export class StaffJwt {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  sign(user: AuthUser): Promise<string> {
    const claims: JwtClaims = { sub: user.id, email: user.email, adm: user.isAdmin };
    return this.jwt.signAsync(claims, {
      secret: this.config.jwtSecret,
      algorithm: JWT_ALGORITHM,
      expiresIn: this.config.jwtExpiresIn as `${number}h`,
    });
  }

  /** Returns the user, or undefined for anything forged, expired or malformed. */
  async verify(token: string): Promise<AuthUser | undefined> {
    try {
      const claims = await this.jwt.verifyAsync<JwtClaims & { exp?: number }>(token, {
        secret: this.config.jwtSecret,
        algorithms: [JWT_ALGORITHM],
      });
      if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return undefined;
      return { id: claims.sub, email: claims.email, isAdmin: claims.adm === true };
    } catch {
      return undefined;
    }
  }
}
