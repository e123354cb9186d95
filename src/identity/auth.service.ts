import { Injectable, UnauthorizedException } from '@nestjs/common';
import { UsersService } from './users/users.service.js';
import { PasswordHasher } from './password-hasher.js';
import { StaffJwt } from './staff-jwt.js';

/** One message for an unknown email, a wrong password and a deactivated account, so none can be probed. */
export const LOGIN_REFUSED = 'The email or password is not right.';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly jwt: StaffJwt,
  ) {}

  async login(email: string, password: string): Promise<string> {
    const user = await this.users.findByEmail(email);
    const valid = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !valid || !user.active) throw new UnauthorizedException(LOGIN_REFUSED);
    return this.jwt.sign(user);
  }

  /** Changes the password and answers a token for the new one (every older token has ended). */
  async changePassword(userId: string, currentPassword: string, newPassword: string): Promise<string> {
    return this.jwt.sign(await this.users.changePassword(userId, currentPassword, newPassword));
  }
}
