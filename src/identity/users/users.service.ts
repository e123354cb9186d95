import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PasswordHasher } from '../password-hasher.js';
import { AppConfig } from '../../platform/config/app-config.js';
import { notFound } from '../../platform/errors/common.errors.js';
import type { CreateUserDto } from './dto/create-user.dto.js';
import type { User } from './user.entity.js';
import { usersError, UsersError } from './users.errors.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly config: AppConfig,
  ) {}

  /** The first administrator comes from ADMIN_EMAIL / ADMIN_PASSWORD. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.processRole === 'worker') return;
    const email = this.config.adminEmail.toLowerCase();
    const passwordHash = await this.hasher.hash(this.config.adminPassword);
    if (await this.users.insertAdminIfAbsent(email, passwordHash)) this.logger.log('Created the administrator account');
  }

  async create(input: CreateUserDto, isAdmin = false): Promise<User> {
    if (await this.users.emailExists(input.email)) {
      throw usersError(UsersError.EmailTaken, 'A staff account with that email already exists.');
    }
    const passwordHash = await this.hasher.hash(input.password);
    return this.users.insert({ email: input.email, name: input.name, passwordHash, isAdmin });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findByEmail(email);
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw notFound('The user');
    return user;
  }

  /** Ends every token and session of the account (sign-out everywhere). */
  async endSessions(id: string): Promise<void> {
    await this.users.bumpTokenVersion(id);
  }

  /**
   * Needs the current password (a token left on a shared computer must not be enough to take
   * the account over); ends every token and session signed before. Returns the new version.
   */
  async changePassword(id: string, currentPassword: string, newPassword: string): Promise<User> {
    const user = await this.get(id);
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      throw usersError(UsersError.WrongCurrentPassword, 'The current password is not right.');
    }
    const version = await this.users.setPassword(id, await this.hasher.hash(newPassword));
    if (version === undefined) throw notFound('The user');
    return { ...user, tokenVersion: version };
  }

  /** Deactivating ends the account's tokens and sessions at once; the last active administrator stays. */
  async setActive(id: string, active: boolean): Promise<User> {
    const user = await this.users.withAdminsLocked(async (manager) => {
      const current = await this.users.findById(id);
      if (!current) throw notFound('The user');
      if (!active && current.isAdmin && (await this.users.countOtherActiveAdmins(manager, id)) === 0) {
        throw usersError(
          UsersError.LastAdministrator,
          'This is the last active administrator; make another account an administrator first.',
        );
      }
      return this.users.setActive(manager, id, active);
    });
    if (!user) throw notFound('The user');
    return user;
  }
}
