import { Injectable, UnauthorizedException } from '@nestjs/common';
import { AppConfig } from '../platform/config/app-config.js';
import { RetryLaterException } from '../platform/http/rate-limit.js';
import type { User } from './users/user.entity.js';
import { UsersService } from './users/users.service.js';
import { LoginAlert } from './login-alert.js';
import { LoginThrottle } from './login-throttle.js';
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
    private readonly throttle: LoginThrottle,
    private readonly alert: LoginAlert,
    private readonly config: AppConfig,
  ) {}

  /** The account, if the password is right and it may sign in from `ip` now; else 401 or a wait (429). */
  async verifyCredentials(email: string, password: string, ip: string): Promise<User> {
    const key = email.trim().toLowerCase();
    const wait = await this.throttle.waitBefore(key, ip);
    if (wait > 0) {
      await this.countUnsuccessful(key, ip, false);
      throw new RetryLaterException(wait);
    }
    const user = await this.users.findByEmail(key);
    const valid = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !valid || !user.active) {
      await this.countUnsuccessful(key, ip, true, user);
      throw new UnauthorizedException(LOGIN_REFUSED);
    }
    await this.throttle.succeeded(key, ip);
    return user;
  }

  async login(email: string, password: string, ip: string): Promise<string> {
    return this.jwt.sign(await this.verifyCredentials(email, password, ip));
  }

  /** Changes the password and answers a token for the new one (every older token has ended). */
  async changePassword(userId: string, currentPassword: string, newPassword: string): Promise<string> {
    return this.jwt.sign(await this.users.changePassword(userId, currentPassword, newPassword));
  }

  private async countUnsuccessful(email: string, ip: string, wrongPassword: boolean, known?: User | null) {
    const attempts = await this.throttle.unsuccessful(email, ip, wrongPassword);
    if (attempts < this.config.loginAlertFailures) return;
    const user = known === undefined ? await this.users.findByEmail(email) : known;
    if (user?.active && (await this.throttle.firstAlertThisHour(email))) await this.alert.send(user, attempts);
  }
}
