import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { User } from './user.entity.js';

/** What every staff request is checked against: the account as it is now. */
export interface StaffStanding {
  id: string;
  email: string;
  isAdmin: boolean;
  active: boolean;
  tokenVersion: number;
}

/** The users table's queries; the one place its rows change. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private get users() {
    return this.db.getRepository(User);
  }

  /** Creates the first administrator unless an account already uses the email; true when it did. */
  async insertAdminIfAbsent(email: string, passwordHash: string): Promise<boolean> {
    const result = await this.users
      .createQueryBuilder()
      .insert()
      .values({ email, name: 'Administrator', passwordHash, isAdmin: true })
      .orIgnore()
      .execute();
    return result.identifiers.length > 0 && result.identifiers[0] !== undefined;
  }

  emailExists(email: string): Promise<boolean> {
    return this.users.exists({ where: { email } });
  }

  insert(values: Pick<User, 'email' | 'name' | 'passwordHash' | 'isAdmin'>): Promise<User> {
    return this.users.save(this.users.create(values));
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOne({ where: { email: email.trim().toLowerCase() } });
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOne({ where: { id } });
  }

  /** One primary-key read, on every staff request. */
  async standing(id: string): Promise<StaffStanding | undefined> {
    const row = await this.users.findOne({
      where: { id },
      select: { id: true, email: true, isAdmin: true, active: true, tokenVersion: true },
    });
    return row ?? undefined;
  }

  /** Ends every token and session issued so far; returns the new version (undefined: no such user). */
  async bumpTokenVersion(id: string, manager: EntityManager = this.db.manager): Promise<number | undefined> {
    const rows = await manager.query<[Array<{ token_version: number }>, number]>(
      'UPDATE users SET token_version = token_version + 1 WHERE id = $1 RETURNING token_version',
      [id],
    );
    return rows[0][0]?.token_version;
  }

  /** A new password hash, ending the tokens and sessions issued under the old one; returns the new version. */
  async setPassword(id: string, passwordHash: string): Promise<number | undefined> {
    const rows = await this.db.query<[Array<{ token_version: number }>, number]>(
      'UPDATE users SET password_hash = $2, token_version = token_version + 1 WHERE id = $1 RETURNING token_version',
      [id, passwordHash],
    );
    return rows[0][0]?.token_version;
  }

  /** Runs `work` with the administrators' rows locked, so two deactivations cannot leave none. */
  withAdminsLocked<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (manager) => {
      await manager.query('SELECT id FROM users WHERE is_admin ORDER BY id FOR UPDATE');
      return work(manager);
    });
  }

  async countOtherActiveAdmins(manager: EntityManager, id: string): Promise<number> {
    const rows = await manager.query<Array<{ n: number }>>(
      'SELECT count(*)::int AS n FROM users WHERE is_admin AND active AND id <> $1',
      [id],
    );
    return rows[0]?.n ?? 0;
  }

  /** Deactivating also bumps the token version: what was signed before stays ended after reactivation. */
  async setActive(manager: EntityManager, id: string, active: boolean): Promise<User | null> {
    await manager.query(
      `UPDATE users SET active = $2, token_version = token_version + CASE WHEN $2 THEN 0 ELSE 1 END WHERE id = $1`,
      [id, active],
    );
    return manager.getRepository(User).findOne({ where: { id } });
  }
}
