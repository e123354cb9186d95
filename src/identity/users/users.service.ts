import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PasswordHasher } from '../password-hasher.js';
import { AppConfig } from '../../platform/config/app-config.js';
import { notFound } from '../../platform/errors/common.errors.js';
import type { CreateUserDto } from './dto/create-user.dto.js';
import { User } from './user.entity.js';
import { usersError, UsersError } from './users.errors.js';

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: PasswordHasher,
    private readonly config: AppConfig,
  ) {}

  /** The first administrator comes from ADMIN_EMAIL / ADMIN_PASSWORD. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.processRole === 'worker') return;
    const email = this.config.adminEmail.toLowerCase();
    const passwordHash = await this.hasher.hash(this.config.adminPassword);
    const result = await this.users
      .createQueryBuilder()
      .insert()
      .values({ email, name: 'Administrator', passwordHash, isAdmin: true })
      .orIgnore()
      .execute();
    if (result.identifiers.length > 0 && result.identifiers[0]) this.logger.log('Created the administrator account');
  }

  async create(input: CreateUserDto, isAdmin = false): Promise<User> {
    if (await this.users.exists({ where: { email: input.email } })) {
      throw usersError(UsersError.EmailTaken, 'A staff account with that email already exists.');
    }
    const passwordHash = await this.hasher.hash(input.password);
    return this.users.save(this.users.create({ email: input.email, name: input.name, passwordHash, isAdmin }));
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOne({ where: { email: email.trim().toLowerCase() } });
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findOne({ where: { id } });
    if (!user) throw notFound('The user');
    return user;
  }
}
