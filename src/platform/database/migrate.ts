import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { withAdvisoryLock } from './advisory-lock.repository.js';
import { dataSourceOptions } from './data-source-options.js';

/** Any fixed number: processes starting together take turns to migrate. */
const MIGRATION_LOCK = 7_204_311;

/** Runs pending migrations under an advisory lock; returns the names of those applied. */
export async function runMigrations(config: Pick<AppConfig, 'databaseUrl'>): Promise<string[]> {
  // Two connections: one holds the lock while the other migrates.
  const db = new DataSource({ ...dataSourceOptions(config), extra: { max: 2 } });
  await db.initialize();
  try {
    const applied = await withAdvisoryLock(db, MIGRATION_LOCK, () => db.runMigrations({ transaction: 'each' }));
    return applied.map((migration) => migration.name);
  } finally {
    await db.destroy();
  }
}
