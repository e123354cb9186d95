import type { DataSource } from 'typeorm';

/**
 * Runs `work` while holding a session-level advisory lock on one connection, so processes
 * starting together take turns (migrating, seeding). The lock is released even when `work` fails.
 */
export async function withAdvisoryLock<T>(db: DataSource, key: number, work: () => Promise<T>): Promise<T> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    await runner.release();
  }
}
