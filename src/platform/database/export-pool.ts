import { Injectable, type OnApplicationShutdown, ServiceUnavailableException } from '@nestjs/common';
import pg from 'pg';
import { AppConfig } from '../config/app-config.js';

/**
 * A small pool of its own for exports that stream from PostgreSQL (COPY, cursors): a download
 * holds its connection as long as the reader takes, so unread downloads must not take the
 * connections every other request and /health need. When all are busy, a new export waits
 * EXPORT_WAIT_MS and is then told to try again (503); a statement or an open transaction that
 * outlives EXPORT_TIMEOUT_MS is ended by PostgreSQL itself. A reader that stops reading is
 * dropped by the server's CONNECTION_TIMEOUT_MS, which gives the connection back.
 */
@Injectable()
export class ExportPool implements OnApplicationShutdown {
  private readonly pool: pg.Pool;

  constructor(config: AppConfig) {
    this.pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: config.exportPoolSize,
      connectionTimeoutMillis: config.exportWaitMs,
      idleTimeoutMillis: 30_000,
      statement_timeout: config.exportTimeoutMs,
      idle_in_transaction_session_timeout: config.exportTimeoutMs,
    });
    // An idle client's connection dropped by the server is only a lost idle connection.
    this.pool.on('error', () => undefined);
  }

  async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch {
      throw new ServiceUnavailableException('Every export slot is busy; try again in a minute.');
    }
  }

  /** Connections handed out and not yet given back. */
  get busy(): number {
    return this.pool.totalCount - this.pool.idleCount;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
