import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** A session joined with its account as it is now. */
export interface LiveSessionRow {
  id: string;
  userId: string;
  email: string;
  isAdmin: boolean;
  active: boolean;
  /** The account's current token version and the one the session began under. */
  accountVersion: number;
  sessionVersion: number;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** The staff_sessions table's queries. */
@Injectable()
export class StaffSessionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(userId: string, tokenHash: string, tokenVersion: number, expiresAt: Date): Promise<void> {
    await this.db.query(
      'INSERT INTO staff_sessions (user_id, token_hash, token_version, expires_at) VALUES ($1, $2, $3, $4)',
      [userId, tokenHash, tokenVersion, expiresAt],
    );
  }

  async findByHash(tokenHash: string): Promise<LiveSessionRow | undefined> {
    const rows = await this.db.query<LiveSessionRow[]>(
      `SELECT s.id, s.user_id AS "userId", u.email, u.is_admin AS "isAdmin", u.active,
              u.token_version AS "accountVersion", s.token_version AS "sessionVersion",
              s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt"
         FROM staff_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1`,
      [tokenHash],
    );
    return rows[0];
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.db.query('UPDATE staff_sessions SET last_seen_at = $2 WHERE id = $1', [id, at]);
  }

  async deleteById(id: string): Promise<void> {
    await this.db.query('DELETE FROM staff_sessions WHERE id = $1', [id]);
  }

  async deleteByHash(tokenHash: string): Promise<void> {
    await this.db.query('DELETE FROM staff_sessions WHERE token_hash = $1', [tokenHash]);
  }

  /** Sessions that can never be used again (ended, or of an older version), removed at sign-in. */
  async deleteDeadOf(userId: string, now: Date, idleBefore: Date): Promise<void> {
    await this.db.query(
      `DELETE FROM staff_sessions s USING users u
        WHERE s.user_id = $1 AND u.id = s.user_id
          AND (s.expires_at <= $2 OR s.last_seen_at <= $3 OR s.token_version <> u.token_version)`,
      [userId, now, idleBefore],
    );
  }
}
